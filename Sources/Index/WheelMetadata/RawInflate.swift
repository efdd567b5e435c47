import CZlib

/// Decompresses a zip member's raw DEFLATE stream (no zlib header), checking its CRC-32.
enum RawInflate {
    enum Failure: Error, Equatable {
        case corrupt(String)
        case sizeMismatch
        case crcMismatch
    }

    static func inflate(_ compressed: [UInt8], expectedSize: Int, crc: UInt32) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(expectedSize, 1))
        var stream = z_stream()
        guard kiln_inflate_init_raw(&stream) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var input = compressed
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                stream.next_in = inputBuffer.baseAddress
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw .corrupt(status == Z_BUF_ERROR ? "more data than declared" : "inflate status \(status)")
        }
        guard Int(stream.total_out) == expectedSize else { throw .sizeMismatch }
        let result = Array(output.prefix(expectedSize))
        guard checksum(result) == crc else { throw .crcMismatch }
        return result
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
