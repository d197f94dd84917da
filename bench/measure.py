"""Running a command and measuring it from outside, through /proc (Linux): wall seconds, the CPU of its
main thread (where a crawl's reactor runs) and of the whole process tree (worker processes included),
the peak memory of the tree (proportional set size: pages shared between a fork server and its workers
counted once), and the peak of the main process's open file handles."""
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    seconds: float
    main_cpu: float     # CPU seconds of the main thread (the reactor's)
    cpu: float          # CPU seconds of the process and every process it started
    peak_mb: float      # peak memory of the process tree (PSS)
    peak_fds: int       # peak open file handles of the main process
    output: str = ""


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process it started, theirs too (read from /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                todo += [int(child) for child in Path(f"/proc/{current}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return found


def _pss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu(path: str) -> float | None:
    """utime + stime of a /proc stat file, in seconds."""
    try:
        fields = Path(path).read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def run_measured(command: list[str], cwd: Path, env: dict, interval: float = 0.1) -> Measured:
    """Run ``command`` to its end, sampling it every ``interval`` seconds; fail loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = {"mb": 0.0, "fds": 0, "main": 0.0}
    cpu: dict[int, float] = {}   # pid -> CPU seconds last seen (a process's last tenth of a second is lost)
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak["mb"] = max(peak["mb"], sum(_pss_mb(pid) for pid in process_tree(process.pid)))
            try:
                peak["fds"] = max(peak["fds"], len(os.listdir(f"/proc/{process.pid}/fd")))
            except OSError:
                pass
            main = _cpu(f"/proc/{process.pid}/task/{process.pid}/stat")
            if main is not None:
                peak["main"] = main
            for pid in process_tree(process.pid):
                used = _cpu(f"/proc/{pid}/stat")
                if used is not None:
                    cpu[pid] = max(cpu.get(pid, 0.0), used)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = []
    reader = threading.Thread(target=lambda: out.append(process.stdout.read()), daemon=True)
    errors = []
    error_reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    error_reader.start()
    _, status, _ = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join()
    error_reader.join()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {errors[0].decode()[-3000:]}")
    return Measured(seconds, peak["main"], sum(cpu.values()), peak["mb"], peak["fds"],
                    out[0].decode() if out else "")
