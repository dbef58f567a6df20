import FuzzEntryPoints

// Only the libFuzzer callback: `--sanitize=fuzzer` links libFuzzer's `main` (docs/fuzzing.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    FuzzTarget.codeGrammar.fuzzOne(start, count)
}
