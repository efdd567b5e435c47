import PackagingModel
import SystemSupport

/// Finds and reads a wheel's `.dist-info/METADATA` with as few reads as possible: the tail
/// (end records and, usually, the whole central directory), then the member's local header and
/// data — often already inside the tail, since wheel builders write `.dist-info` last.
struct ZipMetadataReader {
    /// How much of the end to read first: the central directory of most wheels fits.
    static let tailLength = 64 * 1024
    /// Room for the local header's extra field, which may differ from the central one.
    static let localExtraAllowance = 256

    let source: any ZipByteSource
    let filename: String

    /// `tail` is the archive's last bytes if the caller already has them.
    func metadata(tail knownTail: [UInt8]? = nil) async throws(WheelMetadataError) -> [UInt8] {
        let size = source.size
        let tail: [UInt8]
        if let knownTail {
            tail = knownTail
        } else {
            let length = Int(min(size, UInt64(Self.tailLength)))
            tail = try await source.read(offset: size - UInt64(length), count: length)
        }
        let tailStart = size - UInt64(tail.count)
        let cached = Window(start: tailStart, bytes: tail)

        let location: ZipDirectoryLocation
        do {
            switch try ZipDirectory.readTail(tail, archiveSize: size, source: source.label) {
            case .directory(let found):
                location = found
            case .zip64Record(let offset):
                let record = try await read(offset: offset, count: ZipDirectory.zip64RecordLength, from: cached)
                location = try ZipDirectory.zip64Location(record, archiveSize: size, source: source.label)
            }
        } catch let error as ZipDirectoryError {
            throw .archive(error)
        } catch let error as WheelMetadataError {
            throw error
        } catch {
            throw .unreadableMember(filename: filename, reason: String(describing: error))
        }
        let directory = try await read(offset: location.offset, count: Int(location.size), from: cached)
        let members: [ZipMember]
        do {
            members = try ZipDirectory.parse(directory, expected: location.entryCount, source: source.label)
        } catch {
            throw .archive(error)
        }
        let member = try Self.metadataMember(in: members, filename: filename)
        return try await contents(of: member, cached: cached)
    }

    private func contents(of member: ZipMember, cached: Window) async throws(WheelMetadataError) -> [UInt8] {
        guard member.compressedSize < 64 << 20, member.uncompressedSize < 64 << 20 else {
            throw .unreadableMember(filename: filename, reason: "METADATA claims \(member.uncompressedSize) bytes")
        }
        let guess = 30 + member.rawName.count + Self.localExtraAllowance + Int(member.compressedSize)
        var chunk = try await read(offset: member.localHeaderOffset, count: Int(min(UInt64(guess), source.size - min(member.localHeaderOffset, source.size))), from: cached)
        let headerLength: Int
        do {
            headerLength = try ZipDirectory.localHeaderLength(chunk, source: source.label)
        } catch {
            throw .archive(error)
        }
        let end = headerLength + Int(member.compressedSize)
        if chunk.count < end {
            chunk = try await read(offset: member.localHeaderOffset, count: end, from: cached)
            guard chunk.count >= end else { throw .unreadableMember(filename: filename, reason: "the archive ends inside METADATA") }
        }
        let data = Array(chunk[headerLength..<end])
        switch member.compressionMethod {
        case 0:
            guard RawInflate.checksum(data) == member.crc32 else { throw .unreadableMember(filename: filename, reason: "CRC mismatch") }
            return data
        case 8:
            do {
                return try RawInflate.inflate(data, expectedSize: Int(member.uncompressedSize), crc: member.crc32)
            } catch {
                throw .unreadableMember(filename: filename, reason: "\(error)")
            }
        default:
            throw .unreadableMember(filename: filename, reason: "compression method \(member.compressionMethod) is not used by wheels")
        }
    }

    /// Bytes from the tail already in hand when they lie inside it, else a new read.
    private func read(offset: UInt64, count: Int, from cached: Window) async throws(WheelMetadataError) -> [UInt8] {
        if let inside = cached.slice(offset: offset, count: count) { return inside }
        return try await source.read(offset: offset, count: count)
    }

    /// `<name>-<version>.dist-info/METADATA` at the top level. When the archive has several
    /// `.dist-info` directories, the one named after the wheel's file name wins.
    static func metadataMember(in members: [ZipMember], filename: String) throws(WheelMetadataError) -> ZipMember {
        let candidates = members.filter { member in
            let parts = member.name.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[0].hasSuffix(".dist-info") && parts[1] == "METADATA"
        }
        if candidates.count == 1, let only = candidates.first { return only }
        if let wheel = try? WheelFilename(filename) {
            let expected = "\(wheel.escapedName)-\(wheel.version)".lowercased()
            let matching = candidates.filter { $0.name.lowercased().hasPrefix(expected + ".dist-info/") }
            if matching.count == 1, let found = matching.first { return found }
        }
        throw .noMetadataMember(filename: filename)
    }
}

/// A run of archive bytes already read, starting at `start`.
private struct Window {
    let start: UInt64
    let bytes: [UInt8]

    func slice(offset: UInt64, count: Int) -> [UInt8]? {
        guard offset >= start, offset - start + UInt64(count) <= UInt64(bytes.count) else { return nil }
        let from = Int(offset - start)
        return Array(bytes[from..<(from + count)])
    }
}
