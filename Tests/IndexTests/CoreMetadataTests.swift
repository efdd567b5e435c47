import Index
import Testing
import TestSupport

@Suite struct CoreMetadataTests {
    @Test func fetchesPEP658MetadataOnceAndChecksItsHash() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0-py3-none-any.whl")
        let text = "Metadata-Version: 2.1\nName: six\nVersion: 1.0\n"
        try rig.fixture.addMetadata(project: "six", filename: "six-1.0-py3-none-any.whl", metadata: text)
        for useJSON in [true, false] {
            try rig.server.configure(json: useJSON)
            let index = try rig.index(mode: .refresh)
            let file = try #require(try await index.project(packageName("six")).files.first)
            #expect(try await index.coreMetadata(of: file, project: packageName("six")) == Array(text.utf8))
        }
        #expect(try rig.server.requestCount(for: "/files/six-1.0-py3-none-any.whl.metadata") == 1)
        #expect(try rig.server.requestCount(for: "/files/six-1.0-py3-none-any.whl") == 0)
    }

    @Test func rejectsMetadataWhoseHashDiffers() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0-py3-none-any.whl")
        try rig.fixture.addMetadata(project: "six", filename: "six-1.0-py3-none-any.whl", metadata: "Name: six\n",
                                    listedHash: String(repeating: "0", count: 64))
        let index = try rig.index()
        let file = try #require(try await index.project(packageName("six")).files.first)
        await #expect(throws: IndexError.self) { try await index.coreMetadata(of: file, project: packageName("six")) }
    }

    @Test func filesWithoutMetadataReturnNil() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        let index = try rig.index()
        let file = try #require(try await index.project(packageName("six")).files.first)
        #expect(try await index.coreMetadata(of: file, project: packageName("six")) == nil)
    }
}
