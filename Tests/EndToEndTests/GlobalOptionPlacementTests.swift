import Testing
import TestSupport

/// Global options work before the subcommand (as with uv) and after it.
@Suite struct GlobalOptionPlacementTests {
    @Test func cacheDirBeforeTheSubcommand() throws {
        let dir = try TemporaryDirectory()
        let before = try KilnBinary.run(["--cache-dir", dir.file("c1"), "cache", "dir"])
        #expect(before.status == 0)
        #expect(before.stdout == dir.file("c1") + "\n")
        let equals = try KilnBinary.run(["-q", "--cache-dir=\(dir.file("c2"))", "cache", "dir"])
        #expect(equals.stdout == dir.file("c2") + "\n")
        let after = try KilnBinary.run(["cache", "dir", "--cache-dir", dir.file("c3")])
        #expect(after.stdout == dir.file("c3") + "\n")
    }

    @Test func unknownOptionsAreStillUsageErrors() throws {
        let result = try KilnBinary.run(["--no-such-option", "cache", "dir"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-option"))
    }
}
