import Testing
@testable import Index

/// The checksum of parsed pages must notice any one changed bit, wherever it falls: in one of
/// the four lanes, in the 8-byte words after them, or in the tail.
@Suite struct PageChecksumTests {
    func checksum(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { PageChecksum.of($0) } }

    @Test(arguments: [0, 7, 31, 32, 45, 77, 100])
    func everySingleBitFlipChangesIt(length: Int) {
        let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let reference = checksum(original)
        for offset in 0..<length {
            for bit in 0..<8 {
                var flipped = original
                flipped[offset] ^= 1 << bit
                #expect(checksum(flipped) != reference, "byte \(offset) bit \(bit) of \(length)")
            }
        }
    }

    @Test func aCutOrAnAddedZeroChangesIt() {
        let bytes = [UInt8](repeating: 0, count: 64)
        #expect(checksum(bytes) != checksum(Array(bytes.dropLast())))
        #expect(checksum(bytes) != checksum(bytes + [0]))
    }
}
