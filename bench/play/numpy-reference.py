#!/usr/bin/env python3
"""NumPy/pandas side of bench/play/play-vs-numpy.bench.ts: the notebooks' code on the same data.

  python3 numpy-reference.py serve       the sensors analysis (NumPy, one thread), one timed run per
                                         "sensors" line on stdin, so the bench can alternate runs with
                                         its own; "results" prints the analysis' outputs; "quit" ends.
  python3 numpy-reference.py indicators [runs]
                                         median seconds of create_features (pandas) over `runs` runs.

Every answer is one JSON line on stdout.
"""
import json
import os
import sys
import time

# One thread for every BLAS NumPy may be built on (np.corrcoef goes through BLAS): set before the import.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
import numpy as np  # noqa: E402


def say(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


def os_threads():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Threads:"):
                return int(line.split()[1])
    return None


def sensor_data():
    np.random.seed(42)
    sensors = []
    for i in range(800):
        temp = 20 + (i % 50) + np.random.randn(2000) * 3
        humidity = 50 + np.random.randn(2000) * 10
        np.random.randn(2000)
        sensors.append((temp, humidity))
    return sensors


def analyze(temp, humidity):
    temp_z = np.abs(temp - temp.mean()) / temp.std()
    anomalies = (temp_z > 2.5).sum()
    rolling = np.convolve(temp, np.ones(50) / 50, mode="valid")
    corr = np.corrcoef(temp, humidity)[0, 1]
    fft = np.fft.fft(temp)
    dom = np.argmax(np.abs(fft[1 : len(fft) // 2]))
    return temp.mean(), anomalies, corr, dom, len(rolling) + len(fft), rolling


# Sensors whose whole moving average is sent back, so the bench can compare it point by point.
MOVING_AVERAGE_SAMPLES = (0, 399, 799)


def serve():
    sensors = sensor_data()
    results = [analyze(a, b) for a, b in sensors]  # warm-up
    say({"numpy": np.__version__, "python": os.path.realpath(sys.executable), "threads": os_threads()})
    for line in sys.stdin:
        command = line.strip()
        if command == "sensors":
            wall = time.perf_counter()
            cpu = time.process_time()
            results = [analyze(a, b) for a, b in sensors]
            say({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "threads": os_threads()})
        elif command == "results":
            say(
                {
                    "avgTemp": [float(r[0]) for r in results],
                    "anomalies": [int(r[1]) for r in results],
                    "correlation": [float(r[2]) for r in results],
                    "dominantFreq": [int(r[3]) for r in results],
                    "processedPoints": [int(r[4]) for r in results],
                    "movingAverage": {str(i): results[i][5].tolist() for i in MOVING_AVERAGE_SAMPLES},
                }
            )
        elif command == "quit":
            return
        else:
            say({"error": f"unknown command {command!r}"})


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def indicators(runs):
    import pandas as pd

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
            df["rsi"] = 100 - (
                100 / (1 + df["returns"].rolling(14).apply(lambda x: x[x > 0].sum() / abs(x[x < 0].sum()), raw=True))
            )
        df["price_zscore"] = (df["price"] - df["price"].mean()) / df["price"].std()
        df["volume_rank"] = df["volume"].rank(pct=True)
        df["price_volume"] = df["price"] * df["volume"]
        df["momentum"] = df["price"].pct_change(periods=5)
        return df

    times = []
    for _ in range(runs):
        t = time.perf_counter()
        create_features(df)
        times.append(time.perf_counter() - t)
    say({"numpy": np.__version__, "pandas": pd.__version__, "indicatorsSeconds": median(times), "indicatorsRuns": runs})


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "serve"
    if mode == "serve":
        serve()
    elif mode == "indicators":
        indicators(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    else:
        sys.exit(f"usage: {sys.argv[0]} serve | indicators [runs]")
