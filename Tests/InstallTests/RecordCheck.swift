import Foundation
@testable import Install
import SystemSupport

/// Checks an installed distribution's RECORD against the disk: every listed file exists and, where
/// a hash is given, has that hash and size. Returns the mismatches (empty when consistent).
func recordMismatches(distInfo: String) throws -> [String] {
    let site = (distInfo as NSString).deletingLastPathComponent
    let text = try String(contentsOfFile: distInfo + "/RECORD", encoding: .utf8)
    let record = try RecordFile(parsing: text, file: "RECORD")
    var mismatches: [String] = []
    for row in record.rows {
        let path = (site as NSString).appendingPathComponent(row.path)
        guard let data = FileManager.default.contents(atPath: path) else {
            mismatches.append("missing \(row.path)")
            continue
        }
        if !row.hash.isEmpty {
            var hasher = SHA256Hasher()
            hasher.update(Array(data))
            let digest = RecordFile.sha256Field(digest: hasher.finalizeBytes())
            if digest != row.hash { mismatches.append("hash of \(row.path)") }
        }
        if let size = row.size, size != UInt64(data.count) { mismatches.append("size of \(row.path)") }
    }
    return mismatches
}
