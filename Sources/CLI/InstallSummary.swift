import Services

/// The closing lines of `kiln install`, in uv's manner, on stderr:
///
///     Resolved 5 packages in 0.41s
///     Built 3 sdists in 2.10s
///     Installed 5 packages in 80ms
///      + jaeger-client==4.8.0
///      - six==1.16.0
///      + six==1.17.0
///
/// "Built" appears only when a backend ran ("packages" when project directories were among the
/// builds); the change lines are sorted by name.
enum InstallSummary {
    static func lines(_ plan: RequirementInstallPlan) -> [String] {
        var lines = ["Resolved \(count(plan.resolvedCount, "package")) in \(format(plan.resolveDuration))"]
        if plan.builds.count > 0 {
            let noun = plan.builds.allSdists ? "sdist" : "package"
            lines.append("Built \(count(plan.builds.count, noun)) in \(format(plan.builds.duration))")
        }
        guard !plan.changes.isEmpty else {
            lines.append("Requirements already satisfied (\(count(plan.unchanged.count, "package")))")
            return lines
        }
        lines.append("Installed \(count(plan.changes.count, "package")) in \(format(plan.installDuration))")
        lines += changeLines(plan)
        return lines
    }

    static func changeLines(_ plan: RequirementInstallPlan) -> [String] {
        var lines: [String] = []
        for change in plan.changes.sorted(by: { $0.name.normalized < $1.name.normalized }) {
            if let replacing = change.replacing { lines.append(" - \(change.name.normalized)==\(replacing)") }
            lines.append(" + \(change.name.normalized)==\(change.version)")
        }
        return lines
    }

    static func print(_ plan: RequirementInstallPlan, _ console: Console) {
        for line in lines(plan) { console.info(line) }
    }

    static func printDryRun(_ plan: RequirementInstallPlan, _ console: Console) {
        for change in plan.changes {
            console.result(change.replacing.map { "Would replace \(change.name.normalized) \($0) with \(change.version)" }
                ?? "Would install \(change.name.normalized)==\(change.version)")
        }
        if plan.changes.isEmpty { console.info("Nothing to do: the requirements are already satisfied") }
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    /// Milliseconds below a second ("80ms"), else seconds with two decimals ("2.10s"), as uv does.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let hundredths = (milliseconds + 5) / 10
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)s"
    }
}
