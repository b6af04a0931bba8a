"""Median render time of the demo call plan PDF (20 renders, cache bypassed), and the time of a
cached download. Run: `make bench` or `.venv/bin/python bench/pdf_render.py`."""

import statistics
import time

from _setup import machine, setup_django


def main() -> None:
    database = setup_django()
    from callplans.models import CallPlan
    from callplans.pdf import callplan_pdf, render_callplan_pdf

    plan = CallPlan.objects.get(submittal__candidate__last_name="Morgan")
    render_callplan_pdf(plan_pk=plan.pk, paper="letter")  # warm fonts and templates
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        document = render_callplan_pdf(plan_pk=plan.pk, paper="letter")
        timings.append(time.perf_counter() - started)
    callplan_pdf(plan=plan, paper="letter")
    cached = []
    for _ in range(20):
        started = time.perf_counter()
        callplan_pdf(plan=plan, paper="letter")
        cached.append(time.perf_counter() - started)
    print(f"Call plan PDF ({database}, {machine()})")
    print(
        f"  render: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over 20, {len(document) // 1024} KiB"
    )
    print(f"  cached: median {statistics.median(cached) * 1000:.2f} ms over 20")


if __name__ == "__main__":
    main()
