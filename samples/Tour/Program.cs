using System;
using Tour;

// The tour itself is TourSample.Run (TourSample.cs), so the tests can run it too.
return TourSample.Run(Console.Out);
