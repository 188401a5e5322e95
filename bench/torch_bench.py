# PyTorch side of gradlab's benchmark, run by bench/run.mjs when `import torch` works (Debian:
# apt-get install python3-torch). Prints one JSON line.
#   train <float32|float64> <repeats>: a plain training loop on one thread, the same shape of work as
#     bench/train-worker.mjs (784-256-128-10 ReLU MLP, batch 128, SGD, shuffled epochs of 2,560 rows,
#     one untimed warm-up epoch); samples/s per epoch.
#   gradcheck: torch.autograd.gradcheck (float64, every coordinate) of the tanh MLP 64-128-128-10
#     (26,122 parameters) under softmax cross-entropy on a batch of 32; the caller times the process.
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(1)


def mlp(sizes, activation):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(activation())
    return torch.nn.Sequential(*layers)


def train(dtype_name, repeats):
    dtype = torch.float32 if dtype_name == "float32" else torch.float64
    samples, batch = 2560, 128
    model = mlp([784, 256, 128, 10], torch.nn.ReLU).to(dtype)
    x = torch.rand(samples, 784, dtype=dtype)
    y = torch.randint(0, 10, (samples,))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch():
        order = torch.randperm(samples)
        for start in range(0, samples, batch):
            rows = order[start : start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
            loss.item()

    epoch()
    rates = []
    for _ in range(repeats):
        t = time.perf_counter()
        epoch()
        rates.append(samples / (time.perf_counter() - t))
    return {"samplesPerSecond": rates, "version": torch.__version__, "threads": torch.get_num_threads()}


def gradcheck():
    sizes = [64, 128, 128, 10]
    model = mlp(sizes, torch.nn.Tanh).to(torch.float64)
    x = torch.randn(32, sizes[0], dtype=torch.float64)
    y = torch.arange(32) % sizes[-1]
    params = [p.detach().clone().requires_grad_(True) for p in model.parameters()]

    def objective(*ws):
        h = x
        for i in range(0, len(ws), 2):
            h = h @ ws[i].T + ws[i + 1]
            if i < len(ws) - 2:
                h = torch.tanh(h)
        return torch.nn.functional.cross_entropy(h, y)

    t = time.perf_counter()
    ok = torch.autograd.gradcheck(objective, tuple(params), eps=1e-6, atol=1e-5, rtol=1e-3)
    return {
        "passed": bool(ok),
        "parameters": sum(p.numel() for p in params),
        "seconds": time.perf_counter() - t,
        "version": torch.__version__,
    }


if __name__ == "__main__":
    what = sys.argv[1]
    result = train(sys.argv[2], int(sys.argv[3])) if what == "train" else gradcheck()
    print(json.dumps(result))
