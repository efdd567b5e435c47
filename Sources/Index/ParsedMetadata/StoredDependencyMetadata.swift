import PackagingModel
import SystemSupport

/// A wheel's dependency metadata read from a METADATA file in the cache: from the parsed entry
/// beside it when that is sound and derived from this very file, else from the file itself
/// (header block parsed, the entry rewritten for the next run).
///
/// The parsed entry is only ever a faster way to what METADATA says: one that is missing, cut
/// short, changed on disk, of another format version or derived from another METADATA file is
/// not read, and is replaced. With no METADATA file there is no answer, whatever entry remains.
enum StoredDependencyMetadata {
    static func entryPath(besideMetadataAt path: String) -> String { path + ParsedMetadataLayout.suffix }

    /// nil when there is no METADATA file at `path` (the caller fetches it); `source` names the
    /// file in errors.
    static func read(metadataAt path: String, source: String) -> Result<DependencyMetadata, CoreMetadataError>? {
        guard let identity = MetadataFileIdentity.of(path) else { return nil }
        if let entry = ParsedMetadataFile.bytes(at: entryPath(besideMetadataAt: path)),
            let metadata = ParsedMetadataEntry.fields(in: entry, source: identity)?.parsed() {
            return .success(metadata)
        }
        guard let (bytes, identity) = try? MetadataFileIdentity.contents(of: path) else { return nil }
        return parse(bytes, source: source, writingEntryFor: identity.map { (path, $0) })
    }

    /// Parses METADATA `bytes`; with `metadataFile`, the bytes are that file's and the parsed entry
    /// is written beside it. Metadata that does not parse gets no entry: the error is reported
    /// each time, from the file.
    static func parse(
        _ bytes: [UInt8], source: String, writingEntryFor metadataFile: (path: String, identity: MetadataFileIdentity)?
    ) -> Result<DependencyMetadata, CoreMetadataError> {
        // The header block only: the body is the long description, often most of the file, and a
        // resolution wants none of it.
        let headers = MetadataHeaders(headerBlockOf: bytes)
        let metadata: CoreMetadata
        do {
            metadata = try CoreMetadata(headers: headers, source: source)
        } catch {
            return .failure(error)
        }
        if let metadataFile, let fields = ParsedMetadataFields(acceptedHeaders: headers) {
            let encoded = ParsedMetadataEncoder.encode(fields, source: metadataFile.identity)
            // Not flushed, and a failed write is no error of this run: a lost or missing entry
            // only costs the next run this parse.
            try? FileSystem.writeAtomically(encoded, to: entryPath(besideMetadataAt: metadataFile.path), flush: false)
        }
        return .success(DependencyMetadata(metadata))
    }
}
