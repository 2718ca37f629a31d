using System;
using LogisticRegression;

LogisticRegressionSample.Run(Console.Out);
