import ArgumentParser
import Install

/// `kiln list [--format columns|freeze|json]`
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", _superCommandName: LeafCommandParsing.rootName, abstract: "List the distributions installed in an environment.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case columns, freeze, json }

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "columns (default), freeze (name==version) or json.")
    var format: Format = .columns

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let target = try await environment.resolveTarget(try global.interpreterDiscovery(cache: cache), readOnly: true)
            let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
                InstallEventPrinter.print(event, console)
            }
            let distributions = try await service.installed()
            switch format {
            case .freeze:
                for distribution in distributions { console.result("\(distribution.name.original)==\(distribution.version)") }
            case .json:
                let items = distributions.map { "{\"name\": \(jsonString($0.name.original)), \"version\": \(jsonString($0.version))}" }
                console.result("[" + items.joined(separator: ", ") + "]")
            case .columns:
                let width = max(7, distributions.map(\.name.original.count).max() ?? 0)
                console.result("Package".padding(width) + " Version")
                console.result(String(repeating: "-", count: width) + " -------")
                for distribution in distributions { console.result(distribution.name.original.padding(width) + " " + distribution.version) }
            }
        }
    }

    private func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
