import Testing
@testable import BuildFrontend

@Suite struct BuildFrontendTargetTests {
    @Test func targetLinks() { #expect(Bool(true)) }
}
