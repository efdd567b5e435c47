import Testing
@testable import PackagingModel

/// The raw header layer, with the cases of pypa/packaging tests/test_metadata.py
/// `TestRawMetadata` that concern reading (not typing) the fields.
@Suite struct MetadataHeaderTests {
    @Test func singleAndRepeatedFields() {
        let headers = MetadataHeaders(text: "Name: foo\nClassifier: A\nClassifier: B\n")
        #expect(headers.value(of: "name") == "foo")
        #expect(headers.values(of: "CLASSIFIER") == ["A", "B"])
        #expect(headers.fields.map(\.line) == [1, 2, 3])
        #expect(headers.body == nil)
    }

    /// packaging `test_lowercase_keys`: names are case-insensitive, spelling is kept.
    @Test func headerNamesAreCaseInsensitive() {
        let headers = MetadataHeaders(text: "AUTHOR: Tarek Ziadé\nWhatever: Else")
        #expect(headers.value(of: "author") == "Tarek Ziadé")
        #expect(headers.fields.map(\.name) == ["AUTHOR", "Whatever"])
    }

    /// Folded lines keep their newline and indentation, as Python's email parser returns them.
    @Test func foldedContinuationLines() {
        let text = "Author: C. Schultz, Universal Features Syndicate,\n        Los Angeles, CA <cschultz@peanuts.example.com>\n"
            + "License: one\n\ttwo\nName: x"
        let headers = MetadataHeaders(text: text)
        #expect(headers.value(of: "Author")
            == "C. Schultz, Universal Features Syndicate,\n        Los Angeles, CA <cschultz@peanuts.example.com>")
        #expect(headers.value(of: "License") == "one\n\ttwo")
        #expect(headers.fields(named: "Name").first?.line == 5)
    }

    /// packaging `test_str_input` / `test_bytes_input`.
    @Test func utf8BytesAndStringsReadAlike() {
        let text = "author: Tarek Ziadé"
        #expect(MetadataHeaders(bytes: Array(text.utf8)) == MetadataHeaders(text: text))
        #expect(!MetadataHeaders(bytes: Array(text.utf8)).decodedAsLatin1)
    }

    /// packaging `test_header_mojibake`: bytes that are not UTF-8 are read as Latin-1.
    @Test func latin1Fallback() {
        let bytes: [UInt8] = Array("value: ".utf8) + [0xC0] + Array("msterdam".utf8)
        let headers = MetadataHeaders(bytes: bytes)
        #expect(headers.decodedAsLatin1)
        #expect(headers.value(of: "value") == "Àmsterdam")
        let body = MetadataHeaders(bytes: Array("Name: x\n\n".utf8) + [0xC0] + Array("msterdam".utf8))
        #expect(body.body == "Àmsterdam")
    }

    /// packaging `test_description`: a file that starts with a non-header line is all body.
    @Test(arguments: ["hello", "description: hello"])
    func descriptionAsBodyOrHeader(_ text: String) {
        let headers = MetadataHeaders(text: text)
        #expect((headers.body ?? headers.value(of: "description")) == "hello")
    }

    @Test func bodyStartsAfterFirstBlankLine() {
        let headers = MetadataHeaders(text: "Name: x\n\nFirst: not a header\n\nsecond paragraph\n")
        #expect(headers.fields.count == 1)
        #expect(headers.body == "First: not a header\n\nsecond paragraph\n")
    }

    /// A line that is neither a header nor a continuation ends the headers (email's
    /// MissingHeaderBodySeparatorDefect) and belongs to the body.
    @Test func nonHeaderLineEndsTheHeaders() {
        let headers = MetadataHeaders(text: "Name: x\nthis is text\nVersion: 1")
        #expect(headers.fields.map(\.name) == ["Name"])
        #expect(headers.body == "this is text\nVersion: 1")
    }

    @Test func crlfAndByteOrderMark() {
        let headers = MetadataHeaders(bytes: [0xEF, 0xBB, 0xBF] + Array("Name: x\r\nSummary: a\r\n  b\r\n\r\nbody\r\n".utf8))
        #expect(headers.value(of: "Name") == "x")
        #expect(headers.value(of: "Summary") == "a\n  b")
        #expect(headers.body == "body\n")
    }

    @Test func valuesAreTrimmed() {
        let headers = MetadataHeaders(text: "Name:   spaced  \t\nEmpty:\nColon: a: b")
        #expect(headers.value(of: "Name") == "spaced")
        #expect(headers.value(of: "Empty") == "")
        #expect(headers.value(of: "Colon") == "a: b")
    }

    @Test func emptyInput() {
        let headers = MetadataHeaders(text: "")
        #expect(headers.fields.isEmpty)
        #expect(headers.body == nil)
    }

    /// The header block alone: what reading only a name and version needs, for every line ending.
    @Test func headerBlockStopsAtTheFirstEmptyLine() {
        for newline in ["\n", "\r\n", "\r"] {
            let text = ["Name: foo", "Summary: folded", " more", "", "Name: not-a-header", "body"].joined(separator: newline)
            let headers = MetadataHeaders(headerBlockOf: Array(text.utf8))
            #expect(headers.values(of: "Name") == ["foo"])
            #expect(headers.value(of: "Summary") == "folded\n more")
            #expect(headers.body == nil)
        }
        #expect(MetadataHeaders(headerBlockOf: Array("\nName: x\n".utf8)).fields.isEmpty)
        #expect(MetadataHeaders(headerBlockOf: Array("Name: x".utf8)).value(of: "name") == "x")
        #expect(MetadataHeaders(headerBlockOf: [0x41, 0x3A, 0x20, 0xE9, 0x0A, 0x0A, 0xFF]).value(of: "a") == "é")
    }
}
