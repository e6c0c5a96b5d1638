"""Runs a command and prints "<seconds> <peak RSS in KiB>" on standard output.

Used by the benchmark scripts instead of GNU time, which a fresh machine may lack. The command's
own output goes to the file named by TIMEIT_OUT (default: discarded).
Usage: timeit.py COMMAND [ARGS...]
"""
import os
import resource
import subprocess
import sys
import time

out = open(os.environ.get("TIMEIT_OUT", os.devnull), "w")
started = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=out, stderr=subprocess.STDOUT)
elapsed = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{elapsed:.3f} {peak_kib}")
sys.exit(code)
