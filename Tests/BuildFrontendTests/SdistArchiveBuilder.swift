import Foundation
import TestSupport

/// Writes sdist archives for tests — well-formed ones and hostile ones — with Python's `tarfile`
/// and `zipfile`, so the archives come from an implementation independent of kiln.
struct SdistArchiveBuilder {
    enum Format: String { case tarGz = "tar.gz", tarBz2 = "tar.bz2", tar, zip }

    struct Member {
        enum Kind: String { case file, directory, symlink, hardlink, chardev, fifo }
        var name: String
        var kind: Kind = .file
        var text: String = ""
        var mode: Int = 0o644
        var target: String = ""
        var mtime: Int = 1_600_000_000
        /// Zero bytes appended to `text` (a large member).
        var zeros: Int = 0

        static func file(_ name: String, _ text: String = "", mode: Int = 0o644, mtime: Int = 1_600_000_000) -> Member {
            Member(name: name, text: text, mode: mode, mtime: mtime)
        }
        static func directory(_ name: String) -> Member { Member(name: name, kind: .directory, mode: 0o755) }
        static func symlink(_ name: String, to target: String) -> Member { Member(name: name, kind: .symlink, mode: 0o777, target: target) }
        static func hardlink(_ name: String, to target: String) -> Member { Member(name: name, kind: .hardlink, target: target) }
        static func characterDevice(_ name: String) -> Member { Member(name: name, kind: .chardev, mode: 0o666) }
        static func fifo(_ name: String) -> Member { Member(name: name, kind: .fifo, mode: 0o644) }
    }

    /// A pyenv interpreter, else the system's: `tarfile` and `zipfile` are all the scripts need.
    static var python: String? {
        WheelBuilder.python ?? ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile(atPath:))
    }

    /// Writes `members`, in order, to `path`.
    static func write(_ members: [Member], format: Format, to path: String) throws {
        let spec: [String: Any] = [
            "output": path, "format": format.rawValue,
            "members": members.map { member -> [String: Any] in
                [
                    "name": member.name, "kind": member.kind.rawValue, "data": Data(member.text.utf8).base64EncodedString(),
                    "mode": member.mode, "target": member.target, "mtime": member.mtime, "zeros": member.zeros,
                ]
            },
        ]
        try run(script, spec: spec, near: path)
    }

    /// A tar.gz whose member `name` holds `size` zero bytes, written as concatenated gzip members
    /// that repeat one compressed MiB: gigabytes of output from a few megabytes in milliseconds.
    static func writeGzipBomb(member name: String, size: Int, to path: String) throws {
        try run(bombScript, spec: ["output": path, "name": name, "size": size], near: path)
    }

    private static func run(_ script: String, spec: [String: Any], near path: String) throws {
        guard let python else { throw WheelBuilderError(message: "no pyenv interpreter to build sdists with") }
        let specPath = path + ".spec.json"
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        let result = try ProcessHelper.run(python, ["-I", "-c", script, specPath])
        guard result.status == 0 else { throw WheelBuilderError(message: "writing \(path) failed: \(result.stderr)") }
    }

    private static let script = #"""
import base64, io, json, sys, tarfile, time, zipfile
spec = json.load(open(sys.argv[1]))
fmt = spec["format"]
def data(m):
    return base64.b64decode(m["data"]) + b"\0" * m["zeros"]
if fmt == "zip":
    with zipfile.ZipFile(spec["output"], "w", zipfile.ZIP_DEFLATED) as archive:
        for m in spec["members"]:
            kind = m["kind"]
            name = m["name"] + ("/" if kind == "directory" and not m["name"].endswith("/") else "")
            info = zipfile.ZipInfo(name, date_time=time.gmtime(m["mtime"])[:6])
            info.create_system = 3
            kinds = {"file": 0o100000, "directory": 0o040000, "symlink": 0o120000, "fifo": 0o010000, "chardev": 0o020000}
            info.external_attr = ((kinds[kind] | m["mode"]) << 16) | (0x10 if kind == "directory" else 0)
            body = m["target"].encode() if kind == "symlink" else data(m)
            info.compress_type = zipfile.ZIP_STORED if kind == "directory" else zipfile.ZIP_DEFLATED
            archive.writestr(info, body)
else:
    mode = {"tar.gz": "w:gz", "tar.bz2": "w:bz2", "tar": "w"}[fmt]
    with tarfile.open(spec["output"], mode, format=tarfile.PAX_FORMAT) as archive:
        for m in spec["members"]:
            info = tarfile.TarInfo(m["name"])
            info.mode = m["mode"]
            info.mtime = m["mtime"]
            kind = m["kind"]
            body = None
            if kind == "file":
                body = data(m)
                info.size = len(body)
            elif kind == "directory":
                info.type = tarfile.DIRTYPE
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = m["target"]
            elif kind == "hardlink":
                info.type = tarfile.LNKTYPE
                info.linkname = m["target"]
            elif kind == "chardev":
                info.type = tarfile.CHRTYPE
                info.devmajor, info.devminor = 1, 3
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
            archive.addfile(info, io.BytesIO(body) if body is not None else None)
"""#

    private static let bombScript = #"""
import gzip, json, sys, tarfile
spec = json.load(open(sys.argv[1]))
size = spec["size"]
top = spec["name"].split("/")[0]
directory = tarfile.TarInfo(top)
directory.type = tarfile.DIRTYPE
directory.mode = 0o755
member = tarfile.TarInfo(spec["name"])
member.size = size
member.mode = 0o644
chunk = 1 << 20
assert size % chunk == 0
with open(spec["output"], "wb") as out:
    out.write(gzip.compress(directory.tobuf(tarfile.USTAR_FORMAT) + member.tobuf(tarfile.USTAR_FORMAT)))
    zeros = gzip.compress(b"\0" * chunk)
    for _ in range(size // chunk):
        out.write(zeros)
    out.write(gzip.compress(b"\0" * 1024))
"""#
}
