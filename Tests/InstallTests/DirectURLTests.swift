@testable import Install
import Testing

/// direct_url.json (PEP 610) names what the user pointed at: the wheel, the sdist it was built
/// from, or the project directory (editable or not), as pip and uv write it.
@Suite struct DirectURLTests {
    @Test func aWheelNamedByPathRecordsItsOwnArchive() {
        #expect(DirectURL.json(for: .thisWheel, wheelPath: "/w/a-1.0-py3-none-any.whl", wheelSHA256: "ab")
            == "{\"archive_info\": {\"hash\": \"sha256=ab\", \"hashes\": {\"sha256\": \"ab\"}}, \"url\": \"file:///w/a-1.0-py3-none-any.whl\"}\n")
    }

    @Test func aBuiltSdistRecordsTheSdistNotTheWheel() {
        let local = DirectURL.json(for: .archive(url: "/src/a b-1.0.tar.gz", sha256: "cd"), wheelPath: "/tmp/x.whl", wheelSHA256: "ab")
        #expect(local == "{\"archive_info\": {\"hash\": \"sha256=cd\", \"hashes\": {\"sha256\": \"cd\"}}, \"url\": \"file:///src/a%20b-1.0.tar.gz\"}\n")
        let remote = DirectURL.json(for: .archive(url: "https://example.org/a-1.0.tar.gz", sha256: "cd"), wheelPath: "/tmp/x.whl", wheelSHA256: "ab")
        #expect(remote.contains("\"url\": \"https://example.org/a-1.0.tar.gz\""))
    }

    @Test func aDirectoryIsDirInfoEditableOnlyWhenItIs() {
        #expect(DirectURL.json(for: .directory(path: "/p/proj", editable: false), wheelPath: "/tmp/x.whl", wheelSHA256: "ab")
            == "{\"dir_info\": {}, \"url\": \"file:///p/proj\"}\n")
        #expect(DirectURL.json(for: .directory(path: "/p/proj", editable: true), wheelPath: "/tmp/x.whl", wheelSHA256: "ab")
            == "{\"dir_info\": {\"editable\": true}, \"url\": \"file:///p/proj\"}\n")
    }
}
