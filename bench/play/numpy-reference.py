#!/usr/bin/env python3
"""NumPy/pandas timings for bench/play/play-vs-numpy.bench.ts: the notebooks' code on the same data.

Prints one JSON object: median seconds of the sensors analysis (NumPy, one thread) and of
create_features (pandas) over `runs` runs. Usage: python3 numpy-reference.py [runs]
"""
import json
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # NumPy single-threaded, as the comparison says
import numpy as np  # noqa: E402

try:
    import pandas as pd  # noqa: E402
except ImportError:  # the sensors timing needs NumPy only
    pd = None

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


np.random.seed(42)
sensors = []
for i in range(800):
    temp = 20 + (i % 50) + np.random.randn(2000) * 3
    humidity = 50 + np.random.randn(2000) * 10
    np.random.randn(2000)
    sensors.append((temp, humidity))


def analyze(temp, humidity):
    temp_z = np.abs(temp - temp.mean()) / temp.std()
    anomalies = (temp_z > 2.5).sum()
    rolling = np.convolve(temp, np.ones(50) / 50, mode="valid")
    corr = np.corrcoef(temp, humidity)[0, 1]
    fft = np.fft.fft(temp)
    dom = np.argmax(np.abs(fft[1 : len(fft) // 2]))
    return temp.mean(), anomalies, corr, dom, len(rolling) + len(fft)


sensor_times = []
for _ in range(runs):
    t = time.perf_counter()
    [analyze(a, b) for a, b in sensors]
    sensor_times.append(time.perf_counter() - t)

if pd is None:
    print(json.dumps({"numpy": np.__version__, "pandas": None, "sensorsSeconds": median(sensor_times)}))
    sys.exit(0)

np.random.seed(42)
n = 500_000
df = pd.DataFrame(
    {
        "price": np.random.lognormal(3, 1, n),
        "volume": np.random.exponential(1000, n),
        "returns": np.random.randn(n) * 0.02,
        "sector": np.random.choice(["tech", "finance", "energy"], n),
    }
)


def create_features(data_df):
    df = data_df.copy()
    df["sma_20"] = df["price"].rolling(20, min_periods=1).mean()
    df["volatility"] = df["returns"].rolling(50, min_periods=1).std()
    with np.errstate(divide="ignore", invalid="ignore"):
        df["rsi"] = 100 - (100 / (1 + df["returns"].rolling(14).apply(lambda x: x[x > 0].sum() / abs(x[x < 0].sum()), raw=True)))
    df["price_zscore"] = (df["price"] - df["price"].mean()) / df["price"].std()
    df["volume_rank"] = df["volume"].rank(pct=True)
    df["price_volume"] = df["price"] * df["volume"]
    df["momentum"] = df["price"].pct_change(periods=5)
    return df


indicator_times = []
for _ in range(max(1, runs // 2)):
    t = time.perf_counter()
    create_features(df)
    indicator_times.append(time.perf_counter() - t)

print(
    json.dumps(
        {
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "sensorsSeconds": median(sensor_times),
            "indicatorsSeconds": median(indicator_times),
            "indicatorsRuns": len(indicator_times),
        }
    )
)
