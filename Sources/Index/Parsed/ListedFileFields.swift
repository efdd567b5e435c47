/// One file of a project page as `ParsedPageEncoder.add` takes it: every text already in the form
/// it is stored in, so the encoder only interns and packs. `Text` is a place the text can be found
/// (a range of the response body or of a scratch buffer) until the caller turns it into bytes.
struct ListedFileFields<Text> {
    var filename: Text
    /// As stored: the URL without credentials and fragment (`ParsedURL.requestString`), or with
    /// the link's own credentials when they are not the page's.
    var url: Text
    /// The URL is stored without the credentials of the page, and takes them back when read.
    var urlTakesPageCredentials: Bool
    /// `alg=hex,alg=hex` sorted by algorithm (`ParsedPageEncoder.text(of:)`); nil when none.
    var hashes: Text?
    /// Nil when absent or empty.
    var requiresPython: Text?
    var yank: Yank
    /// The hashes text of the PEP 658 metadata (empty when it has none); nil when unavailable.
    var coreMetadata: Text?
    var uploadTime: Int64?
    var size: Int64?

    enum Yank {
        case notYanked
        case withoutReason
        case reason(Text)
    }

    func map<Other>(_ transform: (Text) -> Other) -> ListedFileFields<Other> {
        let yank: ListedFileFields<Other>.Yank = switch self.yank {
        case .notYanked: .notYanked
        case .withoutReason: .withoutReason
        case .reason(let text): .reason(transform(text))
        }
        return ListedFileFields<Other>(
            filename: transform(filename), url: transform(url), urlTakesPageCredentials: urlTakesPageCredentials,
            hashes: hashes.map(transform), requiresPython: requiresPython.map(transform), yank: yank,
            coreMetadata: coreMetadata.map(transform), uploadTime: uploadTime, size: size)
    }
}

/// Where a text of `ListedFileFields` is: bytes of the response body taken as they are, or bytes
/// the reader had to produce (an unescaped JSON string, a resolved URL, a hashes text).
enum FieldText {
    case body(Range<Int>)
    case scratch(Range<Int>)

    func bytes(body: UnsafeRawBufferPointer, scratch: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        switch self {
        case .body(let range): UnsafeRawBufferPointer(rebasing: body[range])
        case .scratch(let range): UnsafeRawBufferPointer(rebasing: scratch[range])
        }
    }
}
