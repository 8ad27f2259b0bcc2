# Peer benchmark: R's TTR computing the indicators tradelab's standard set has (the ones TTR
# offers) on the same rows, ticker by ticker. Prints {"rows": n, "seconds": s} (compute only,
# CSV reading excluded). Usage: Rscript ttr-indicators.R prices.csv
suppressMessages(library(TTR))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("character", "character", rep("numeric", 5)))
groups <- split(seq_len(nrow(d)), d$ticker)
start <- proc.time()[["elapsed"]]
for (rows in groups) {
  x <- d[rows, ]
  C <- x$close; H <- x$high; L <- x$low; V <- x$volume
  HLC <- cbind(H, L, C); HL <- cbind(H, L); OHLC <- cbind(x$open, H, L, C)
  for (n in c(5, 10, 20, 50, 200)) SMA(C, n)
  for (n in c(12, 26, 50)) EMA(C, n)
  WMA(C, 20); DEMA(C, 20); SAR(HL)
  RSI(C, 14); MACD(C, 12, 26, 9); stoch(HLC, 14, 3, 3); WPR(HLC, 14); CCI(HLC, 20)
  ROC(C, 10); momentum(C, 10); CMO(C, 14); TRIX(C, 30); ultimateOscillator(HLC)
  aroon(HL, 25); MFI(HLC, V, 14); ADX(HLC, 14); ATR(HLC, 14); BBands(C, 20, sd = 2)
  runSD(C, 20); volatility(C, 20); volatility(OHLC, 20, calc = "parkinson"); volatility(OHLC, 20, calc = "garman.klass")
  OBV(C, V); chaikinAD(HLC, V); CMF(HLC, V, 20)
}
elapsed <- proc.time()[["elapsed"]] - start
cat(sprintf('{"rows": %d, "seconds": %.3f}\n', nrow(d), elapsed))
