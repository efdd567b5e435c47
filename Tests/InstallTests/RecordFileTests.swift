@testable import Install
import Testing

/// RECORD is CSV as Python's `csv` module reads and writes it; pip and installer both use that
/// module, so a RECORD they accept must parse the same here.
struct RecordFileTests {
    private func rows(_ text: String) throws -> [RecordFile.Row] {
        try RecordFile(parsing: text, file: "RECORD").rows
    }

    @Test func plainRowsWithAndWithoutHashes() throws {
        #expect(try rows("pkg/__init__.py,sha256=abc,12\npkg-1.0.dist-info/RECORD,,\n") == [
            .init(path: "pkg/__init__.py", hash: "sha256=abc", size: 12),
            .init(path: "pkg-1.0.dist-info/RECORD", hash: "", size: nil),
        ])
        #expect(try rows("only-a-path\n") == [.init(path: "only-a-path", hash: "", size: nil)])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        #expect(try rows("\"a,b.py\",sha256=x,3\n") == [.init(path: "a,b.py", hash: "sha256=x", size: 3)])
        #expect(try rows("\"say \"\"hi\"\".txt\",,\n") == [.init(path: "say \"hi\".txt", hash: "", size: nil)])
        #expect(try rows("\"two\nlines\",,\nnext,,\n").map(\.path) == ["two\nlines", "next"])
    }

    @Test func everyLineEndingAndBlankLinesAreAccepted() throws {
        let expected = ["a", "b", "c", "d"]
        #expect(try rows("a,,\r\nb,,\rc,,\n\n\nd,,").map(\.path) == expected)
    }

    @Test func nonASCIIPathsSurviveTheByteLevelParser() throws {
        let record = RecordFile(rows: [.init(path: "données/é,ü.py", hash: "sha256=x", size: 1)])
        #expect(record.text == "\"données/é,ü.py\",sha256=x,1\n")
        #expect(try RecordFile(parsing: record.text, file: "R") == record)
    }

    @Test func errorsNameTheLineTheyAreOn() {
        #expect(throws: RecordParseError(file: "RECORD", line: 3, reason: "size 'big' is not a number")) {
            try rows("a,,1\r\nb,,2\nc,,big\n")
        }
        #expect(throws: RecordParseError(file: "RECORD", line: 2, reason: "unterminated quote")) {
            try rows("a,,\n\"b,,\n")
        }
        #expect(throws: RecordParseError(file: "RECORD", line: 1, reason: "no path")) {
            try rows(",sha256=x,1\n")
        }
    }
}
