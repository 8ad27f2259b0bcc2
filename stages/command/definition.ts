/**
 * `command`: runs any program as a stage, so Python, R or shell steps join the DAG.
 * `{in.<port>}` and `{out.<port>}` in `run` become the paths of the input artifacts and of
 * the files the program must write. Files the program reads besides its inputs belong in
 * `deps:`; their content is part of the stage key.
 */
import { compiledSibling, type InputPort, type OutputPort, type Params, type StageDefinition } from '../../src/engine/contract.js';
import { codeFingerprint, paramsSchema } from '../stage-files.js';

type PortDeclaration = string | { type: string; format?: string };

function declared<T extends InputPort | OutputPort>(ports: unknown): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, decl] of Object.entries((ports ?? {}) as Record<string, PortDeclaration>)) {
    out[name] = { type: typeof decl === 'string' ? decl : decl.type } as T;
  }
  return out;
}

export const commandStage: StageDefinition = {
  kind: 'command',
  version: 1,
  description: 'Runs a program with {in.port} / {out.port} paths substituted.',
  inputs: (params: Params) => declared<InputPort>(params.inputs),
  outputs: (params: Params) => declared<OutputPort>(params.outputs),
  params: paramsSchema('command'),
  resource: 'cpu',
  runModule: compiledSibling(import.meta.url, './run.js'),
  codeFingerprint: codeFingerprint('command'),
};
