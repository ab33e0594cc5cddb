"""PyTorch (CPU, one thread) side of bench/peers/mbrl.ts: dynamics-ensemble throughput.

Arguments: a JSON case {"members": M, "sizes": [in, h..., out], "batch": B, "plan": P}, then WARMUP_S, MEASURE_S,
WINDOWS. Prints {"torch": version, "train": samples/s, "forward": samples/s}. The ensemble holds per layer a weight
[M, in, out] and a bias [M, 1, out] (as lib/tensor's createEnsemble), ReLU between layers; "train" is one Adam step
(lr 1e-3) on the Gaussian NLL of a probabilistic head (mean, log-variance halves of the output) for M × B samples,
reading the loss back; "forward" is one forward pass of M × P planning rows, read back.
"""
import json
import os
import sys

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import torch  # noqa: E402

from _common import best_rate  # noqa: E402

case = json.loads(sys.argv[1])
WARMUP_S = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
MEASURE_S = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
WINDOWS = int(sys.argv[4]) if len(sys.argv) > 4 else 4
torch.set_num_threads(1)
torch.manual_seed(0)

m, sizes, batch, plan = case["members"], case["sizes"], case["batch"], case["plan"]
params = []
for i in range(len(sizes) - 1):
    bound = 1 / sizes[i] ** 0.5
    w = torch.empty(m, sizes[i], sizes[i + 1]).uniform_(-bound, bound).requires_grad_()
    b = torch.empty(m, 1, sizes[i + 1]).uniform_(-bound, bound).requires_grad_()
    params += [w, b]


def forward(x):
    h = x
    for i in range(0, len(params), 2):
        h = torch.baddbmm(params[i + 1], h, params[i])
        if i + 2 < len(params):
            h = torch.relu(h)
    return h


opt = torch.optim.Adam(params, lr=1e-3)
x = torch.randn(m, batch, sizes[0])
y = torch.randn(m, batch, sizes[-1] // 2)
xp = torch.randn(m, plan, sizes[0])


def train_step():
    opt.zero_grad()
    out = forward(x)
    mean, logvar = out.chunk(2, dim=-1)
    loss = (0.5 * ((mean - y) ** 2 * torch.exp(-logvar) + logvar)).sum(-1).mean()
    loss.backward()
    opt.step()
    return loss.item()


def forward_step():
    with torch.no_grad():
        return forward(xp).numpy()


print(json.dumps({
    "torch": torch.__version__,
    "train": best_rate(train_step, m * batch, WARMUP_S, MEASURE_S, WINDOWS),
    "forward": best_rate(forward_step, m * plan, WARMUP_S, MEASURE_S, WINDOWS),
}))
