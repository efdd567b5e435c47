# kiln's interpreter probe. kiln runs this text with `python -I -c`, never from a file on disk,
# and reads the one JSON object it prints on stdout.
#
# It reports raw facts (versions, sysconfig values, the libc, the executable's ELF header);
# kiln derives tags and decisions from them, so the logic lives in one place (Swift).
#
# The syntax must stay valid on Python 2.7 and 3.6 (no f-strings, no annotations), so that an
# old interpreter reaches the version check below and reports itself as unsupported instead of
# failing with a SyntaxError.
import json
import os
import platform
import struct
import sys

PROBE_FORMAT = 1
MINIMUM_SUPPORTED = (3, 8)


def emit(document):
    sys.stdout.write(json.dumps(document, sort_keys=True))
    sys.stdout.write("\n")
    sys.stdout.flush()


if sys.version_info[:2] < MINIMUM_SUPPORTED:
    emit({
        "probe_format": PROBE_FORMAT,
        "executable": sys.executable,
        "unsupported_version": "%d.%d.%d" % tuple(sys.version_info[:3]),
    })
    sys.exit(0)

import subprocess  # noqa: E402
import sysconfig  # noqa: E402
from importlib.machinery import EXTENSION_SUFFIXES  # noqa: E402


def full_version(info):
    # PEP 508 `implementation_version`: 3.12.1, 3.13.0rc2, ...
    text = "%d.%d.%d" % (info.major, info.minor, info.micro)
    if info.releaselevel != "final":
        text += info.releaselevel[0] + str(info.serial)
    return text


def marker_environment():
    return {
        "implementation_name": sys.implementation.name,
        "implementation_version": full_version(sys.implementation.version),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "platform_python_implementation": platform.python_implementation(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    }


def glibc_version():
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION")
    except (AttributeError, OSError, ValueError):
        return None
    if not text:
        return None
    parts = text.split()
    if len(parts) != 2 or parts[0] != "glibc":
        return None
    return parts[1]


def elf_header(path):
    """The fields of the executable's ELF header that tag selection needs, and its PT_INTERP."""
    try:
        with open(path, "rb") as f:
            ident = f.read(16)
            if len(ident) != 16 or ident[:4] != b"\x7fELF":
                return None
            elf_class, encoding = ident[4], ident[5]
            order = {1: "<", 2: ">"}.get(encoding)
            if elf_class == 1:
                header_format, program_format, indexes = "HHIIIIIHHH", "IIIIIIII", (0, 1, 4)
            elif elf_class == 2:
                header_format, program_format, indexes = "HHIQQQIHHH", "IIQQQQQQ", (0, 2, 5)
            else:
                return None
            if order is None:
                return None
            header_format, program_format = order + header_format, order + program_format
            fields = struct.unpack(header_format, f.read(struct.calcsize(header_format)))
            machine, program_offset, flags = fields[1], fields[4], fields[6]
            entry_size, entry_count = fields[8], fields[9]
            loader = None
            for index in range(entry_count):
                f.seek(program_offset + entry_size * index)
                raw = f.read(struct.calcsize(program_format))
                if len(raw) != struct.calcsize(program_format):
                    continue
                entry = struct.unpack(program_format, raw)
                if entry[indexes[0]] != 3:  # PT_INTERP
                    continue
                f.seek(entry[indexes[1]])
                loader = os.fsdecode(f.read(entry[indexes[2]])).strip("\0")
                break
    except (OSError, ValueError, struct.error):
        return None
    return {
        "class": elf_class,
        "encoding": encoding,
        "machine": machine,
        "flags": flags,
        "interpreter": loader,
    }


def musl_version(loader):
    # A musl loader run without arguments prints "musl libc (x86_64)\nVersion 1.2.2\n..." on stderr.
    if not loader or "musl" not in loader:
        return None
    try:
        result = subprocess.run([loader], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                universal_newlines=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("musl"):
        return None
    words = lines[1].split()
    if len(words) < 2 or words[0] != "Version":
        return None
    return words[1]


def config_var(name):
    value = sysconfig.get_config_var(name)
    if value is None or isinstance(value, (int, str)):
        return value
    return str(value)


def main():
    paths = sysconfig.get_paths()
    elf = elf_header(sys.executable)
    emit({
        "probe_format": PROBE_FORMAT,
        "executable": sys.executable,
        "prefix": sys.prefix,
        "base_prefix": getattr(sys, "base_prefix", sys.prefix),
        "is_venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix),
        "version_info": list(sys.version_info[:3]) + [sys.version_info.releaselevel, sys.version_info.serial],
        "implementation_name": sys.implementation.name,
        "implementation_version": full_version(sys.implementation.version),
        "markers": marker_environment(),
        "paths": dict((key, paths.get(key)) for key in
                      ("purelib", "platlib", "scripts", "include", "data", "stdlib")),
        "platform": sysconfig.get_platform(),
        "soabi": config_var("SOABI"),
        "ext_suffix": config_var("EXT_SUFFIX"),
        "py_version_nodot": config_var("py_version_nodot"),
        "py_gil_disabled": config_var("Py_GIL_DISABLED"),
        "py_debug": config_var("Py_DEBUG"),
        "with_pymalloc": config_var("WITH_PYMALLOC"),
        "has_total_refcount": hasattr(sys, "gettotalrefcount"),
        "debug_extension_suffix": "_d.pyd" in EXTENSION_SUFFIXES,
        "pointer_size": struct.calcsize("P"),
        "glibc_version": glibc_version(),
        "musl_version": musl_version(elf["interpreter"] if elf else None),
        "elf": elf,
    })


main()
