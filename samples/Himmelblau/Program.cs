using System;
using Himmelblau;

HimmelblauSample.Run(Console.Out);
