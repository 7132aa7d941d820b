"""The benchmark's machinery: its settings, the processes it starts (gunicorn, wrk, psql)
and what it reads off them. bench/run.py says what is measured."""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DB_NAME = os.environ.get("BENCH_DB", "otjobs_bench")
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
POSTINGS = int(os.environ.get("BENCH_POSTINGS", "100000"))
APPLICANTS = int(os.environ.get("BENCH_APPLICANTS", str(POSTINGS // 10)))
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "50"))  # signed-in applicants wrk rotates over
# The demo resumes of the benchmark's database, apart from the development ones in var/.
FILES = ROOT / "var" / "bench" / DB_NAME
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
BASE = f"http://127.0.0.1:{PORT}"


def run(*args, env=None, check=True, capture=False):
    return subprocess.run(
        args, cwd=ROOT, env=env, check=check, text=True, capture_output=capture, timeout=900
    )


def django_env(**extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ROOT_URLCONF": "bench.urls",
        "LOG_LEVEL": "INFO",  # the search index logs each full rebuild
        "CACHE_URL": REDIS_URL,
        "PRIVATE_MEDIA_ROOT": str(FILES),
        **extra,
    }


def psql(sql: str, database: str = "postgres") -> str:
    return run("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atqc", sql,
               capture=True).stdout.strip()  # fmt: skip


def fetch(path: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(BASE + path, timeout=30) as response:
        response.read()
        assert response.status == 200, (path, response.status)
    return (time.perf_counter() - started) * 1000


def fetch_signed_in(path: str, cookie: str) -> str:
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200, (path, response.status)
        return response.read().decode()


def time_signed_in(path: str, cookie: str) -> float:
    """Milliseconds to fetch `path` as the visitor of `cookie`."""
    started = time.perf_counter()
    fetch_signed_in(path, cookie)
    return (time.perf_counter() - started) * 1000


def wait_until_up(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch("/bench/bare/")
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def wrk(paths: list[str], seconds: int, cookies: list[str] | None = None) -> float:
    """Requests per second over `paths` in rotation, 2 threads x 16 connections; with
    `cookies`, each request is sent with the next one of them (signed-in visitors), shifted
    by one after every round of the paths so that each path meets every visitor."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ", ".join(f'"{p}"' for p in paths)
        if cookies is None:
            script.write(
                f"paths = {{{quoted}}}\n"
                "counter = 0\n"
                "request = function()\n"
                "  counter = counter + 1\n"
                "  return wrk.format('GET', paths[(counter % #paths) + 1])\n"
                "end\n"
            )
        else:
            jar = ", ".join(f'"{c}"' for c in cookies)
            script.write(
                f"paths = {{{quoted}}}\n"
                f"cookies = {{{jar}}}\n"
                "counter = 0\n"
                "request = function()\n"
                "  counter = counter + 1\n"
                "  local visitor = (counter + math.floor(counter / #paths)) % #cookies\n"
                "  return wrk.format('GET', paths[(counter % #paths) + 1],\n"
                "                    {['Cookie'] = cookies[visitor + 1]})\n"
                "end\n"
            )
    out = run("wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s", script.name,
              BASE, capture=True).stdout  # fmt: skip
    os.unlink(script.name)
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw errors:\n{out}")
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if found is None:
        raise SystemExit(f"wrk printed no throughput:\n{out}")
    return float(found[1])


def worker_pids(master_pid: int) -> list[int]:
    out = run("ps", "-o", "pid=", "--ppid", str(master_pid), capture=True, check=False).stdout
    return [int(pid) for pid in out.split()]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_until_workers_idle(master_pid: int, timeout: float = 120) -> None:
    """Every worker booted and done warming up (its CPU time stops growing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = worker_pids(master_pid)
        if len(pids) == WORKERS:
            before = {pid: cpu_ticks(pid) for pid in pids}
            time.sleep(1.0)
            if all(cpu_ticks(pid) == ticks for pid, ticks in before.items()):
                return
        else:
            time.sleep(0.5)
    raise SystemExit("gunicorn workers did not settle")


def worker_rss_mb(master_pid: int) -> list[float]:
    children = run("ps", "-o", "pid=,rss=", "--ppid", str(master_pid), capture=True).stdout
    return [int(line.split()[1]) / 1024 for line in children.strip().splitlines()]


def start_gunicorn(env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "otjobs.wsgi",
             "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}", "--no-control-socket",
             "--log-level", "warning"],
            cwd=ROOT, env=env, stderr=out, stdout=out,
        )  # fmt: skip
    wait_until_up()
    wait_until_workers_idle(process.pid)
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def full_rebuilds(log: Path) -> int:
    return log.read_text(errors="replace").count("full rebuild")


def share(value: float, bare: float) -> str:
    return f"{value:9.0f} req/s  = {value / bare:6.1%} of bare"
