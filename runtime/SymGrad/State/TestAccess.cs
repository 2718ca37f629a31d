using System.Runtime.CompilerServices;

// The state tests interrupt AtomicFile.Write midway, which no public member can do.
[assembly: InternalsVisibleTo("SymGrad.Runtime.Tests")]
