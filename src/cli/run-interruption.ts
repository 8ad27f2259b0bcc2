/**
 * Ctrl-C and SIGTERM while stages run: the first signal aborts the run (running stages are
 * stopped, nothing partial is stored), a second quits at once with exit 130.
 */
export interface RunInterruption {
  signal: AbortSignal;
  /** Stops listening; call when the run is over. */
  release(): void;
}

export function listenForInterruption(): RunInterruption {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\ncancelling: stopping running stages (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    },
  };
}
