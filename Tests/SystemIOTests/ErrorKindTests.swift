import Glibc
import SystemIO
import Testing

@Suite struct ErrorKindTests {
    @Test(arguments: [
        (ENOSPC, ErrorKind.noSpace), (EDQUOT, .noSpace), (EROFS, .readOnly), (EACCES, .permissionDenied), (EPERM, .permissionDenied),
        (ENOENT, .notFound), (ENOTDIR, .notFound), (EEXIST, .alreadyExists), (EXDEV, .crossDevice), (EWOULDBLOCK, .wouldBlock),
        (EAGAIN, .wouldBlock), (EIO, .inputOutput), (EINVAL, .other), (0, .other),
    ])
    func anErrnoIsClassified(code: Int32, kind: ErrorKind) {
        #expect(ErrorKind(errno: code) == kind)
        #expect(SystemCallError(call: "open", path: "/x", code: code).kind == kind)
    }

    @Test func theMachinesFaultsAreEnvironmental() {
        #expect(ErrorKind.allCases.filter(\.isEnvironmental) == [.noSpace, .readOnly, .permissionDenied, .inputOutput])
    }

    @Test(arguments: [
        (ErrorKind.noSpace, "no space left on device (the disk is full)"), (.permissionDenied, "permission denied"),
        (.readOnly, "the file system is read-only"), (.notFound, "no such file or folder"), (.alreadyExists, "a file of that name is in the way"),
    ])
    func aKindHasPlainWords(kind: ErrorKind, words: String) {
        #expect(kind.plainWords == words)
    }

    @Test func anErrorSaysWhatTheCLibrarySays() {
        let error = SystemCallError(call: "fsync", path: "/drop/out", code: ENOSPC)
        #expect(error.reason == "No space left on device")
        #expect(SystemCallError.reason(of: EROFS) == "Read-only file system")
        #expect(error.description == "/drop/out: fsync: No space left on device")
    }
}
