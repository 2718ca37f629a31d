using System;
using LinearRegression;

LinearRegressionSample.Run(Console.Out);
