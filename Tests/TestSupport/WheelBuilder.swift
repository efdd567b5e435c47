import Foundation

/// Builds wheel files for tests — well-formed ones and hostile ones — with Python's `zipfile`
/// from a pyenv interpreter, so the archives come from an implementation independent of kiln.
public struct WheelBuilder: Sendable {
    public struct Member: Sendable {
        public var name: String
        public var contents: [UInt8]
        public var executable: Bool = false
        /// Stored as a symbolic link to `contents`.
        public var symlink: Bool = false
        /// Replace the byte at this UTF-8 offset of the name with NUL after writing (zipfile refuses NUL).
        public var nulAt: Int? = nil
        /// Extra zero bytes appended when the archive is written (large or bomb members).
        public var zeros: Int = 0
        /// Patch the declared uncompressed size in both headers to this (a size-lying member).
        public var declaredSize: Int? = nil
        /// Listed in the generated RECORD.
        public var inRecord: Bool = true

        public init(_ name: String, _ text: String, executable: Bool = false) {
            self.name = name
            self.contents = Array(text.utf8)
            self.executable = executable
        }
    }

    public var name: String
    public var version: String
    public var tag: String = "py3-none-any"
    public var files: [Member] = []
    public var entryPoints: String? = nil
    public var rootIsPurelib = true
    /// Values written into METADATA; default to `name`/`version`.
    public var metadataName: String? = nil
    public var metadataVersion: String? = nil
    public var wheelVersion = "1.0"
    /// Leave RECORD out entirely.
    public var omitRecord = false
    /// RECORD hash overrides, by member name (to make a mismatch).
    public var recordHashOverrides: [String: String] = [:]
    /// A second dist-info directory name to add (hostile).
    public var extraDistInfo: String? = nil
    /// `Requires-Dist` lines written into METADATA, e.g. `"six>=1.16"`.
    public var requiresDist: [String] = []

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    public var distInfo: String { "\(name.replacingOccurrences(of: "-", with: "_"))-\(version).dist-info" }
    public var dataDirectory: String { "\(name.replacingOccurrences(of: "-", with: "_"))-\(version).data" }
    public var filename: String { "\(name.replacingOccurrences(of: "-", with: "_"))-\(version)-\(tag).whl" }

    /// Writes the wheel into `directory` and returns its path.
    @discardableResult
    public func build(in directory: String, filename: String? = nil) throws -> String {
        let output = directory + "/" + (filename ?? self.filename)
        var members = files
        let requires = requiresDist.map { "Requires-Dist: \($0)\n" }.joined()
        members.append(Member("\(distInfo)/METADATA", "Metadata-Version: 2.1\nName: \(metadataName ?? name)\nVersion: \(metadataVersion ?? version)\n\(requires)\n"))
        members.append(Member("\(distInfo)/WHEEL", "Wheel-Version: \(wheelVersion)\nGenerator: kiln-tests\nRoot-Is-Purelib: \(rootIsPurelib)\nTag: \(tag)\n\n"))
        if let entryPoints { members.append(Member("\(distInfo)/entry_points.txt", entryPoints)) }
        if let extraDistInfo { members.append(Member("\(extraDistInfo)/METADATA", "Name: x\nVersion: 1\n")) }
        let spec: [String: Any] = [
            "output": output,
            "record": omitRecord ? "" : "\(distInfo)/RECORD",
            "overrides": recordHashOverrides,
            "members": members.map { member -> [String: Any] in
                [
                    "name": member.name, "data": Data(member.contents).base64EncodedString(),
                    "executable": member.executable, "symlink": member.symlink, "nul_at": member.nulAt ?? -1,
                    "zeros": member.zeros, "declared_size": member.declaredSize ?? -1, "in_record": member.inRecord,
                ]
            },
        ]
        let specPath = directory + "/.wheel-spec-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        guard let python = WheelBuilder.python else { throw WheelBuilderError(message: "no pyenv interpreter to build wheels with") }
        let result = try ProcessHelper.run(python, ["-I", "-c", WheelBuilder.script, specPath])
        guard result.status == 0 else { throw WheelBuilderError(message: "building \(output) failed: \(result.stderr)") }
        return output
    }

    public static var python: String? {
        ["3.12", "3.11", "3.13", "3.10"].lazy.compactMap(PyenvInterpreters.path(for:)).first
    }

    private static let script = #"""
import base64, hashlib, json, sys, zipfile
spec = json.load(open(sys.argv[1]))
members = spec["members"]
def content(m):
    return base64.b64decode(m["data"]) + b"\0" * m["zeros"]
def placeholder(m):
    name = m["name"]
    if m["nul_at"] >= 0:
        raw = name.encode()
        name = (raw[:m["nul_at"]] + b"\x01" + raw[m["nul_at"] + 1:]).decode()
    return name
rows = []
with zipfile.ZipFile(spec["output"], "w", zipfile.ZIP_DEFLATED) as archive:
    for m in members:
        data = content(m)
        info = zipfile.ZipInfo(placeholder(m), date_time=(2020, 1, 1, 0, 0, 0))
        info.create_system = 3
        info.compress_type = zipfile.ZIP_DEFLATED
        mode = 0o120777 if m["symlink"] else (0o100755 if m["executable"] else 0o100644)
        info.external_attr = mode << 16
        archive.writestr(info, data)
        if m["in_record"]:
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            rows.append((m["name"], spec["overrides"].get(m["name"], "sha256=" + digest), str(len(data))))
    if spec["record"]:
        text = "".join("%s,%s,%s\n" % row for row in rows) + spec["record"] + ",,\n"
        info = zipfile.ZipInfo(spec["record"], date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, text)
blob = bytearray(open(spec["output"], "rb").read())
for m in members:
    written = placeholder(m).encode()
    if m["nul_at"] >= 0:
        real = bytearray(written)
        real[m["nul_at"]] = 0
        blob = bytearray(bytes(blob).replace(written, bytes(real)))
        written = bytes(real)
    if m["declared_size"] >= 0:
        start = 0
        while True:
            at = blob.find(written, start)
            if at < 0:
                break
            if blob[at - 30:at - 26] == b"PK\x03\x04":
                blob[at - 8:at - 4] = m["declared_size"].to_bytes(4, "little")
            if blob[at - 46:at - 42] == b"PK\x01\x02":
                blob[at - 22:at - 18] = m["declared_size"].to_bytes(4, "little")
            start = at + 1
open(spec["output"], "wb").write(blob)
"""#
}

public struct WheelBuilderError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
