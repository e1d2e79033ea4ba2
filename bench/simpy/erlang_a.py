#!/usr/bin/env python3
"""The Erlang A validation scenario (M/M/c+M) written for SimPy: the peer the handoff-sim engine is timed against.

Same model as scenarios/validation/erlang-a.yaml: Poisson arrivals at 200 leads/h, 14 reps on one FIFO queue
(a simpy.Resource), exponential work with mean 3 minutes, exponential patience with mean 5 minutes (a lead
races its request against a patience timeout and leaves if the timeout wins), service level = reached by a
rep within 20 s, over all arrivals after the warm-up. Times are in minutes.

Prints one JSON object: leads, seconds, leadsPerSec, serviceLevel, waitingProbability, abandonment (Erlang A
gives 0.916792, 0.14526 and 0.013984), so the peer can be checked as well as timed.
"""
import argparse
import json
import random
import sys
import time

import simpy

ARRIVALS_PER_MINUTE = 200 / 60
REPS = 14
MEAN_WORK_MINUTES = 3.0
MEAN_PATIENCE_MINUTES = 5.0
TARGET_MINUTES = 20 / 60


class Tally:
    """Counts over leads that arrive after the warm-up."""

    def __init__(self):
        self.arrived = 0
        self.measured = 0
        self.waited = 0
        self.within_target = 0
        self.abandoned = 0


def lead(env, reps, rng, tally, measured):
    arrived_at = env.now
    # PASTA: the lead waits (whether or not it later abandons) when every rep is busy as it arrives.
    if measured and reps.count >= reps.capacity:
        tally.waited += 1
    with reps.request() as request:
        patience = env.timeout(rng.expovariate(1 / MEAN_PATIENCE_MINUTES))
        outcome = yield request | patience
        if request not in outcome:
            if measured:
                tally.abandoned += 1
            return
        if measured and env.now - arrived_at <= TARGET_MINUTES:
            tally.within_target += 1
        yield env.timeout(rng.expovariate(1 / MEAN_WORK_MINUTES))


def source(env, reps, rng, tally, warmup_minutes, horizon_minutes):
    while True:
        yield env.timeout(rng.expovariate(ARRIVALS_PER_MINUTE))
        if env.now >= horizon_minutes:
            return
        measured = env.now >= warmup_minutes
        tally.arrived += 1
        if measured:
            tally.measured += 1
        env.process(lead(env, reps, rng, tally, measured))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=200_000, help="expected arrivals (sets the horizon)")
    parser.add_argument("--warmup-fraction", type=float, default=0.0625, help="share of the horizon not measured")
    parser.add_argument("--seed", type=int, default=20260105)
    args = parser.parse_args()

    horizon = args.leads / ARRIVALS_PER_MINUTE
    started = time.perf_counter()
    env = simpy.Environment()
    reps = simpy.Resource(env, capacity=REPS)
    rng = random.Random(args.seed)
    tally = Tally()
    env.process(source(env, reps, rng, tally, horizon * args.warmup_fraction, horizon))
    env.run()
    seconds = time.perf_counter() - started

    measured = max(tally.measured, 1)
    json.dump(
        {
            "leads": tally.arrived,
            "seconds": seconds,
            "leadsPerSec": tally.arrived / seconds,
            "serviceLevel": tally.within_target / measured,
            "waitingProbability": tally.waited / measured,
            "abandonment": tally.abandoned / measured,
            "simpyVersion": getattr(simpy, "__version__", "unknown"),
            "python": sys.version.split()[0],
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
