import Testing
import TestSupport

/// `kiln <leaf> ...` is parsed as the leaf command directly (LeafCommandParsing); whatever the
/// leaf rejects or the root answers itself must read exactly as when parsed from the root.
@Suite struct LeafCommandParsingTests {
    @Test func usageErrorsNameTheWholeCommand() throws {
        let result = try KilnBinary.run(["compile", "x", "--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--no-such-option'"))
        #expect(result.stderr.contains("kiln compile"))
    }

    @Test func helpAndVersionAreTheRootsAnswers() throws {
        let help = try KilnBinary.run(["compile", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: kiln compile"))
        let version = try KilnBinary.run(["compile", "--version"])
        #expect(version.status == 0)
        #expect(version.stdout == (try KilnBinary.run(["--version"])).stdout)
    }

    @Test func aLeafValidationErrorIsTheRootsToo() throws {
        // compile without a requirements source fails the command's own validation.
        let leaf = try KilnBinary.run(["compile"])
        #expect(leaf.status == 2)
        #expect(leaf.stderr.contains("give requirements or -r FILE"))
        #expect(leaf.stderr.contains("kiln compile"))
    }

    /// The leaves name `kiln` as their super-command only to skip a check on the leaf path:
    /// completion scripts and help read from the root as before.
    @Test func completionScriptsAndHelpAreTheRootsAnswers() throws {
        let root = try KilnBinary.run(["--generate-completion-script", "bash"])
        #expect(root.status == 0 && root.stdout.contains("compile"))
        let fromLeaf = try KilnBinary.run(["compile", "--generate-completion-script", "bash"])
        #expect(fromLeaf.status == 0 && fromLeaf.stdout == root.stdout)
        let help = try KilnBinary.run(["help", "compile"])
        let leafHelp = try KilnBinary.run(["compile", "--help"])
        #expect(help.status == 0 && help.stdout == leafHelp.stdout)
        #expect(help.stdout.contains("USAGE: kiln compile") && !help.stdout.contains("kiln kiln"))
    }
}
