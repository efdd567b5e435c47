import Foundation
import Index
import PackagingModel
import SystemSupport
import TestSupport
import Testing

/// METADATA out of a wheel on a loopback index that has no PEP 658 files, by range requests.
@Suite struct WheelMetadataTests {
    /// A wheel made by Python's zipfile; `members` extra empty files before the dist-info;
    /// `stored` keeps METADATA uncompressed.
    private func wheel(members: Int, stored: Bool = false) throws -> [UInt8] {
        let directory = try TemporaryDirectory("kiln-wheel-metadata")
        let output = directory.file("big-1.0-py3-none-any.whl")
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(int(sys.argv[2])):
                z.writestr("big/m%06d.py" % i, "")
            z.writestr("big-1.0.dist-info/METADATA", "Metadata-Version: 2.1\\nName: big\\nVersion: 1.0\\nRequires-Dist: six\\n\\n" + "x" * 5000,
                       compress_type=zipfile.ZIP_STORED if sys.argv[3] == "1" else zipfile.ZIP_DEFLATED)
            z.writestr("big-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\n")
        """
        let python = try #require(WheelBuilder.python, "no pyenv interpreter")
        let result = try ProcessHelper.run(python, ["-I", "-c", script, output, String(members), stored ? "1" : "0"])
        try #require(result.status == 0, "\(result.stderr)")
        return try [UInt8](Data(contentsOf: URL(fileURLWithPath: output)))
    }

    private func fetch(_ bytes: [UInt8], ranges: Bool = true) async throws -> (text: String, route: WheelMetadataFetcher.Route, rig: IndexTestRig) {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "big", filename: "big-1.0-py3-none-any.whl", bytes: bytes)
        try rig.server.configure(ranges: ranges)
        let index = try rig.index()
        let file = try #require(try await index.project(packageName("big")).files.first)
        let fetched = try await WheelMetadataFetcher(index: index).metadataWithRoute(of: file, project: packageName("big"))
        return (String(decoding: fetched.bytes, as: UTF8.self), fetched.route, rig)
    }

    @Test(arguments: [false, true])
    func smallWheelInOneRequest(stored: Bool) async throws {
        let (text, route, rig) = try await fetch(try wheel(members: 3, stored: stored))
        #expect(route == .rangeRequests)
        #expect(text.hasPrefix("Metadata-Version: 2.1\nName: big\nVersion: 1.0\nRequires-Dist: six\n"))
        #expect(try rig.server.requests(for: "/files/big-1.0-py3-none-any.whl").count == 1)
    }

    /// More than 65,535 members: a zip64 end record, and a central directory far bigger than the tail.
    @Test func zip64WheelWithAHugeDirectory() async throws {
        let (text, route, rig) = try await fetch(try wheel(members: 70_000))
        #expect(route == .rangeRequests)
        #expect(text.contains("Requires-Dist: six"))
        let seen = try rig.server.requests(for: "/files/big-1.0-py3-none-any.whl")
        #expect(seen.allSatisfy { $0.headers["range"] != nil })
    }

    @Test func serverWithoutRangesGivesTheWholeWheel() async throws {
        let (text, route, _) = try await fetch(try wheel(members: 3), ranges: false)
        #expect(route == .wholeFile)
        #expect(text.contains("Name: big"))
    }

    @Test func theZipDirectoryParserReadsWhatZipfileWrote() throws {
        let directory = try TemporaryDirectory("kiln-wheel-metadata")
        let path = directory.file("w.whl")
        try Data(try wheel(members: 2)).write(to: URL(fileURLWithPath: path))
        let members = try ZipDirectory.members(of: path)
        #expect(members.map(\.name) == ["big/m000000.py", "big/m000001.py", "big-1.0.dist-info/METADATA", "big-1.0.dist-info/WHEEL"])
        #expect(members[2].compressionMethod == 8)
        #expect(members[0].localHeaderOffset == 0)
    }
}
