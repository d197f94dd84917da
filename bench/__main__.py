"""All benchmarks, one after the other: ``python -m bench``."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for bench in ("crawl_bench.py", "revalidation_bench.py", "extract_bench.py", "diff_bench.py"):
    subprocess.run([sys.executable, str(HERE / bench)], check=True)
