"""Median render time of the demo call plan PDF: WeasyPrint on its print HTML (20 renders, the
cache bypassed), and a download of the unchanged plan (print HTML rendered, PDF from the cache).
Run: `make bench` or `.venv/bin/python bench/pdf_render.py`."""

import statistics
import time

from _setup import machine, setup_django


def main() -> None:
    database = setup_django()
    # Models and the app's modules load only once setup_django() has configured Django.
    from callplans import pdf
    from callplans.models import CallPlan
    from callplans.selectors import plan_page_for

    plan = CallPlan.objects.get(submittal__candidate__last_name="Morgan")
    html = pdf.print_html(plan_page_for(plan.pk), "letter")
    pdf._pdf_of(html)  # warm fonts and templates
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        document = pdf._pdf_of(html)
        timings.append(time.perf_counter() - started)
    pdf.callplan_pdf(plan=plan, paper="letter")
    cached = []
    for _ in range(20):
        started = time.perf_counter()
        pdf.callplan_pdf(plan=plan, paper="letter")
        cached.append(time.perf_counter() - started)
    print(f"Call plan PDF ({database}, {machine()})")
    print(
        f"  render: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over 20, {len(document) // 1024} KiB"
    )
    print(f"  cached: median {statistics.median(cached) * 1000:.2f} ms over 20")


if __name__ == "__main__":
    main()
