# PyTorch CPU peer of test/bench/training-throughput.js: the same LSTM and transformer configs, Adam,
# cross-entropy over 2 classes, samples/s per optimizer step after 2 warm-up steps.
# Run: TORCH_THREADS=1 OPENBLAS_NUM_THREADS=2 python3 test/bench/peers/torch-training.py
# (the best setting on 2 cores; torch's own 2 threads plus OpenBLAS's oversubscribe them).
# Prints one JSON list: [{"config": "a", "samplesPerSecond": ...}, ...].
import json
import os
import time

import torch
import torch.nn as nn

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))
torch.manual_seed(0)

CONFIGS = {
    "a": dict(layers=1, units=64, steps=30, features=58, batch=128, timed=40),
    "b": dict(layers=3, units=256, steps=30, features=58, batch=128, timed=6),
    "c": dict(transformer=True, layers=2, d_model=64, heads=4, d_ff=256, steps=90, features=58, batch=64, timed=10),
}


class Classifier(nn.Module):
    def __init__(self, features, units, layers):
        super().__init__()
        self.lstm = nn.LSTM(features, units, num_layers=layers, batch_first=True)
        self.head = nn.Linear(units, 2)

    def forward(self, x):
        y, _ = self.lstm(x)
        return self.head(y[:, -1])


class Encoder(nn.Module):
    def __init__(self, features, d_model, heads, d_ff, layers):
        super().__init__()
        self.proj = nn.Linear(features, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=d_ff, dropout=0.0, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.head = nn.Linear(d_model, 2)

    def forward(self, x):
        return self.head(self.encoder(self.proj(x))[:, -1])


# The median of ROUNDS timed rounds, as the tradelab side measures.
ROUNDS = 3

results = []
for key, c in CONFIGS.items():
    if c.get("transformer"):
        model = Encoder(c["features"], c["d_model"], c["heads"], c["d_ff"], c["layers"])
    else:
        model = Classifier(c["features"], c["units"], c["layers"])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(c["batch"], c["steps"], c["features"])
    y = torch.arange(c["batch"]) % 2
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    step()
    step()
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(c["timed"]):
            step()
        rates.append(c["timed"] * c["batch"] / (time.perf_counter() - start))
    results.append({"config": key, "samplesPerSecond": sorted(rates)[len(rates) // 2]})
print(json.dumps(results))
