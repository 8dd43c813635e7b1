"""Triage: training time, model size and load time, and the time to classify one complaint (p50/p99).

Needs no database: the model is trained from the shipped corpus and classifies the test split's
texts, each many times, plus the longest text a description can hold (5,000 characters).
"""

import os
import pickle
import platform
import statistics
import time

ROUNDS = 20


def run() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "complaints_site.settings")
    os.environ.setdefault("DEBUG", "true")
    django.setup()
    from intake.triage.corpus import TEST, TRAIN, corpus_load
    from intake.triage.learn import train
    from intake.triage.proposal import propose
    from intake.triage.store import model_dump

    examples = corpus_load(TRAIN)
    tests = corpus_load(TEST)
    print(f"triage benchmark ({platform.processor() or platform.machine()}, {os.cpu_count()} cores)")
    started = time.perf_counter()
    model = train(examples)
    print(f"  training on {len(examples)} complaints: {time.perf_counter() - started:.2f} s")

    data, _checksum = model_dump(model)
    loads = []
    for _ in range(5):
        started = time.perf_counter()
        pickle.loads(data)  # noqa: S301 - our own model
        loads.append(time.perf_counter() - started)
    p50, worst = statistics.median(loads) * 1000, max(loads) * 1000
    print(f"  model: {len(data) / 1e6:.1f} MB, load p50 {p50:.0f} ms, max {worst:.0f} ms")

    texts = [example.text for example in tests]
    for text in texts[:20]:  # warm up
        propose(text, model=model)
    timings = []
    for _ in range(ROUNDS):
        for text in texts:
            started = time.perf_counter()
            propose(text, model=model)
            timings.append(time.perf_counter() - started)
    timings.sort()
    p50 = timings[len(timings) // 2] * 1000
    p99 = timings[int(len(timings) * 0.99)] * 1000
    print(f"  classify one complaint ({len(timings)} runs): p50 {p50:.2f} ms, p99 {p99:.2f} ms")

    longest = ("阿姨迟到了两个小时，厨房没打扫，说她两句还顶嘴。" * 200)[:5000]
    started = time.perf_counter()
    for _ in range(50):
        propose(longest, model=model)
    print(f"  classify a 5,000-character complaint: {(time.perf_counter() - started) / 50 * 1000:.2f} ms")


if __name__ == "__main__":
    run()
