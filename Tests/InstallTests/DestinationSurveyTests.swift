import Foundation
@testable import Install
import Testing
import TestSupport

@Suite struct DestinationSurveyTests {
    @Test func missingDirectoriesComeParentsFirstAndTheirFilesAreFree() throws {
        let directory = try TemporaryDirectory()
        let site = directory.file("site")
        try FileManager.default.createDirectory(atPath: site + "/existing", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: site + "/existing/taken.py"))
        try Data().write(to: URL(fileURLWithPath: site + "/.hidden"))

        var survey = DestinationSurvey(destinations: [
            site + "/new/deeper/a.py", site + "/new/b.py", site + "/existing/taken.py",
            site + "/existing/free.py", site + "/.hidden", site + "/other/c.py",
        ])
        #expect(survey.missingDirectories == [site + "/new", site + "/new/deeper", site + "/other"])
        let occupied = ["existing/taken.py", ".hidden", "existing/free.py", "new/deeper/a.py", "other/c.py"]
            .filter { survey.isOccupied(site + "/" + $0) }
        #expect(occupied == ["existing/taken.py", ".hidden"])
    }

    @Test func anUnreadableDirectoryCountsAsFull() throws {
        let directory = try TemporaryDirectory()
        let locked = directory.file("locked")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o311)
        defer { chmod(locked, 0o755) }
        var survey = DestinationSurvey(destinations: [locked + "/file.py"])
        // Root reads it anyway and finds it empty; anyone else cannot list it.
        let occupied = survey.isOccupied(locked + "/file.py")
        #expect(occupied == (getuid() != 0))
    }
}
