import PackagingModel
import Testing

@Suite struct RequirementsFileTests {
    private func parser(_ files: [String: String], environment: [String: String] = [:]) -> RequirementsFileParser {
        RequirementsFileParser(environment: environment) { path in
            guard let text = files[path] else { throw Missing(path: path) }
            return text
        }
    }

    private struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "no such file" }
    }

    @Test func requirementsIncludesConstraintsAndOptions() throws {
        let files = [
            "dir/requirements.txt": """
            # a comment
            --index-url https://mirror.example/simple/
            --extra-index-url=https://extra.example/simple/
            -f ./wheels
            --pre
            --only-binary :all:
            --no-binary lxml,Pillow
            requests[socks]>=2.8 ; python_version >= "3.8"  # trailing comment
            flask \\
                ==3.0.0 \\
                --hash=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789ABCDEF
            -r more.txt
            -c constraints.txt
            """,
            "dir/more.txt": "six\n",
            "dir/constraints.txt": "urllib3<2\n-r nested.txt\n",
            "dir/nested.txt": "idna==3.4\n",
        ]
        let contents = try parser(files).parse(requirements: ["dir/requirements.txt"])
        #expect(contents.requirements.map(\.requirement.description) == [
            "requests[socks]>=2.8; python_version >= \"3.8\"", "flask==3.0.0", "six",
        ])
        #expect(contents.requirements[1].sha256 == ["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"])
        #expect(contents.requirements[1].location == RequirementsFileLocation(file: "dir/requirements.txt", line: 9))
        #expect(contents.constraints.map(\.requirement.description) == ["urllib3<2", "idna==3.4"])
        #expect(contents.indexURL == "https://mirror.example/simple/")
        #expect(contents.extraIndexURLs == ["https://extra.example/simple/"])
        #expect(contents.findLinks == ["dir/./wheels"])
        #expect(contents.prereleases)
        #expect(contents.onlyBinary == .all)
        #expect(contents.noBinary == .names([try PackageName("lxml"), try PackageName("pillow")]))
    }

    @Test func environmentVariablesAreExpanded() throws {
        let contents = try parser(["r.txt": "${NAME}==${VERSION}\nother @ https://h.example/${UNSET}/o-1.whl\n"],
                                  environment: ["NAME": "six", "VERSION": "1.16"])
            .parse(requirements: ["r.txt"])
        #expect(contents.requirements.map(\.requirement.description) == ["six==1.16", "other @ https://h.example/${UNSET}/o-1.whl"])
    }

    @Test func errorsNameTheFileAndLine() throws {
        #expect(throws: RequirementsFileError.editableUnsupported(RequirementsFileLocation(file: "r.txt", line: 2), target: "./project")) {
            try parser(["r.txt": "six\n-e ./project\n"]).parse(requirements: ["r.txt"])
        }
        #expect(throws: RequirementsFileError.unknownOption(RequirementsFileLocation(file: "r.txt", line: 1), option: "--frobnicate")) {
            try parser(["r.txt": "--frobnicate\n"]).parse(requirements: ["r.txt"])
        }
        #expect(throws: RequirementsFileError.invalidHash(RequirementsFileLocation(file: "r.txt", line: 1), value: "md5:abc")) {
            try parser(["r.txt": "six --hash=md5:abc\n"]).parse(requirements: ["r.txt"])
        }
        #expect(throws: RequirementsFileError.includeCycle(RequirementsFileLocation(file: "b.txt", line: 1), file: "a.txt")) {
            try parser(["a.txt": "-r b.txt\n", "b.txt": "-r a.txt\n"]).parse(requirements: ["a.txt"])
        }
        do {
            _ = try parser(["r.txt": "\n\nsix ==== 1\n"]).parse(requirements: ["r.txt"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("r.txt:3: 'six ==== 1' is not a valid requirement"))
        }
        do {
            _ = try parser([:]).parse(requirements: ["missing.txt"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "cannot read requirements file missing.txt: no such file")
        }
    }
}
