using System;
using Digits;

// Trains the MLP of Mlp.cs on the 8×8 digits; pass a path to choose where the loss curves go.
var result = DigitsSample.Run(Console.Out, args.Length > 0 ? args[0] : null);
return result.TestAccuracy >= 0.95 ? 0 : 1;
