# kiln's PEP 517 / PEP 660 hook runner. kiln writes this file into a build's private directory
# and runs it once per hook, in the source tree's root:
#
#     python [-I] hook_runner.py HOOK CONTROL_JSON RESULT_JSON
#
# HOOK is one of the names in HOOKS below. CONTROL_JSON is a file kiln wrote:
#
#     {"backend": "module.path:object",      # build-backend (kiln applies PEP 517's default)
#      "backend_path": ["relative", ...],    # backend-path, or null
#      "kwargs": {...}}                      # the hook's keyword arguments (config_settings,
#                                            # wheel_directory, metadata_directory, ...)
#
# RESULT_JSON is written by this script, atomically (temporary name, then rename), and is the only
# channel back to kiln: the backend owns stdout and stderr, which kiln sends to the build log.
#
#     {"status": "ok", "value": <the hook's return value>, "fallback": false}
#     {"status": "missing"}                  # an optional hook the backend does not define and
#                                            # that has no default (build_editable & co.)
#     {"status": "error", "kind": K, "message": "...", "traceback": "..."}
#         K = "backend-unavailable"  the backend (or something it imports) could not be imported;
#                                    "module" names the missing module for ModuleNotFoundError
#             "backend-invalid"      backend-path is wrong, or the backend was not loaded from it
#             "hook-failed"          the hook raised; "exception" is the exception's class name
#
# Optional hooks: a missing get_requires_for_build_* answers [] (PEP 517's default); a missing
# prepare_metadata_for_build_* builds the wheel and takes its .dist-info directory, with
# "fallback": true (so kiln can reuse the wheel, as pyproject-hooks does).
#
# Runs on Python 3.8 and later: no syntax or library newer than that.
#
# Python starts once per hook, so the imports here are paid on every hook: traceback and zipfile
# (about 15 ms together) are imported where they are used, on the error and fallback paths.
import json
import os
import sys

HOOKS = (
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "build_wheel",
    "build_sdist",
    "build_editable",
)


class HookError(Exception):
    def __init__(self, kind, message, **extra):
        Exception.__init__(self, message)
        self.kind = kind
        self.message = message
        self.extra = extra


def write_result(path, document):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(document, handle)
    os.replace(temporary, path)


def inside(path, root):
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def checked_backend_path(entries):
    """Absolute, resolved directories of backend-path; each must exist inside the tree."""
    tree = os.path.realpath(os.getcwd())
    resolved = []
    for entry in entries:
        if os.path.isabs(entry):
            raise HookError("backend-invalid", "backend-path entry %r is not relative to the project root" % entry)
        full = os.path.realpath(os.path.join(tree, entry))
        if not inside(full, tree):
            raise HookError("backend-invalid", "backend-path entry %r resolves to %s, outside the project root %s" % (entry, full, tree))
        if not os.path.isdir(full):
            raise HookError("backend-invalid", "backend-path entry %r does not exist (looked for %s)" % (entry, full))
        resolved.append(full)
    return resolved


def load_backend(spec, backend_path):
    module_name, _, object_path = spec.partition(":")
    module_name = module_name.strip()
    object_path = object_path.strip()
    if not module_name:
        raise HookError("backend-invalid", "build-backend %r names no module" % spec)
    directories = checked_backend_path(backend_path) if backend_path else []
    sys.path[:0] = directories
    try:
        import importlib
        backend = importlib.import_module(module_name)
    except ImportError as error:
        import traceback
        missing = getattr(error, "name", None)
        raise HookError(
            "backend-unavailable",
            "cannot import build backend %r: %s" % (module_name, error),
            module=missing,
            traceback=traceback.format_exc(),
        )
    except Exception as error:  # a SyntaxError or a failing import-time statement in the backend
        import traceback
        raise HookError(
            "backend-unavailable",
            "importing build backend %r failed: %s: %s" % (module_name, type(error).__name__, error),
            traceback=traceback.format_exc(),
        )
    if directories:
        # PEP 517: with backend-path, the backend must come from one of those directories.
        location = os.path.realpath(getattr(backend, "__file__", None) or "")
        if not any(inside(location, directory) for directory in directories):
            raise HookError(
                "backend-invalid",
                "build backend %r was loaded from %s, not from backend-path %s" % (module_name, location, backend_path),
            )
    if object_path:
        for attribute in object_path.split("."):
            try:
                backend = getattr(backend, attribute)
            except AttributeError:
                raise HookError("backend-invalid", "build backend %r has no attribute %r" % (module_name, object_path))
    return backend


def metadata_from_wheel(backend, hook_name, kwargs):
    """PEP 517's fallback for a missing prepare_metadata_for_build_*: build, then unpack .dist-info."""
    metadata_directory = kwargs["metadata_directory"]
    build_name = "build_editable" if hook_name.endswith("_editable") else "build_wheel"
    build = getattr(backend, build_name, None)
    if build is None:
        return None
    wheel_directory = os.path.join(metadata_directory, ".kiln-wheel")
    os.makedirs(wheel_directory, exist_ok=True)
    wheel_name = build(wheel_directory, kwargs.get("config_settings"))
    wheel = os.path.join(wheel_directory, wheel_name)
    import zipfile
    with zipfile.ZipFile(wheel) as archive:
        dist_info = None
        for name in archive.namelist():
            top = name.split("/")[0]
            if top.endswith(".dist-info") and "/" in name:
                dist_info = top
                break
        if dist_info is None:
            raise HookError("hook-failed", "the wheel %s built for its metadata has no .dist-info directory" % wheel_name, exception="ValueError")
        for name in archive.namelist():
            if name.startswith(dist_info + "/") and not name.endswith("/"):
                archive.extract(name, metadata_directory)
    return {"dist_info": dist_info, "wheel": os.path.join(".kiln-wheel", wheel_name)}


def run(hook_name, control):
    backend = load_backend(control["backend"], control.get("backend_path"))
    kwargs = control.get("kwargs") or {}
    hook = getattr(backend, hook_name, None)
    if hook is None:
        if hook_name.startswith("get_requires_for_build_"):
            return {"status": "ok", "value": [], "fallback": True}
        if hook_name.startswith("prepare_metadata_for_build_"):
            built = metadata_from_wheel(backend, hook_name, kwargs)
            if built is None:
                return {"status": "missing"}
            return {"status": "ok", "value": built["dist_info"], "wheel": built["wheel"], "fallback": True}
        return {"status": "missing"}
    try:
        value = hook(**kwargs)
    except HookError:
        raise
    except BaseException as error:  # SystemExit from a setup.py is a failure too
        import traceback
        detail = {"status": "error", "kind": "hook-failed", "exception": type(error).__name__,
                  "message": str(error), "traceback": traceback.format_exc()}
        if isinstance(error, ImportError):
            detail["module"] = getattr(error, "name", None)
        return detail
    return {"status": "ok", "value": value, "fallback": False}


def main(argv):
    if len(argv) != 4 or argv[1] not in HOOKS:
        sys.stderr.write("usage: hook_runner.py HOOK CONTROL_JSON RESULT_JSON (HOOK one of %s)\n" % ", ".join(HOOKS))
        return 2
    hook_name, control_path, result_path = argv[1], argv[2], argv[3]
    with open(control_path, encoding="utf-8") as handle:
        control = json.load(handle)
    try:
        document = run(hook_name, control)
    except HookError as error:
        document = {"status": "error", "kind": error.kind, "message": error.message}
        document.update(error.extra)
    try:
        write_result(result_path, document)
    except (TypeError, ValueError) as error:
        write_result(result_path, {"status": "error", "kind": "hook-failed", "exception": "TypeError",
                                   "message": "hook %s returned a value that is not JSON: %s" % (hook_name, error)})
    sys.stdout.flush()
    sys.stderr.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
