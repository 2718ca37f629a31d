        /// <summary>
        /// Computes <see cref="Sigmoid(float)"/> for each element of <paramref name="x"/>.
        /// </summary>
        /// <remarks>
        /// <code>
        /// result[i] = Sigmoid(x[i])
        /// Sigmoid(x) = σ(x)
        /// </code>
        /// <para>
        /// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for
        /// the last few elements. Each lane does the scalar code's arithmetic in the same order, except that exp, log and
        /// tanh come from <see cref="VectorMath"/> instead of MathF: as accurate, but they may round the last bit differently.
        /// <paramref name="result"/> may be <paramref name="x"/> itself, for an update in place. Allocates nothing.
        /// </para>
        /// </remarks>
        /// <param name="x">The values of x.</param>
        /// <param name="result">Receives Sigmoid(x[i]) for every i; must have the length of x.</param>
        /// <exception cref="ArgumentException">result does not have the length of x, or an output partially overlaps an input.</exception>
        [global::System.CodeDom.Compiler.GeneratedCode("SymGrad.Generator", "0.1.0.0")]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void Sigmoid(ReadOnlySpan<float> x, Span<float> result)
        {
            if (result.Length != x.Length)
            {
                throw new ArgumentException("result must have the length of x.", nameof(result));
            }

            if (x.Overlaps(result, out var offset) && offset != 0)
            {
                throw new ArgumentException("result must not overlap x unless it is x itself.", nameof(result));
            }

            ref var x0 = ref MemoryMarshal.GetReference(x);
            ref var result0 = ref MemoryMarshal.GetReference(result);
            var i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    Value512(Vector512.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref result0, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    Value256(Vector256.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref result0, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                result[i] = Value(x[i]);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector512<float> Value512(Vector512<float> x)
            {
                var one = Vector512<float>.One;
                var zero = Vector512<float>.Zero;
                var e = VectorMath.Exp(-Vector512.Abs(x));
                var inv = one / (e + one);
                return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, zero), inv, e * inv);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector256<float> Value256(Vector256<float> x)
            {
                var one = Vector256<float>.One;
                var zero = Vector256<float>.Zero;
                var e = VectorMath.Exp(-Vector256.Abs(x));
                var inv = one / (e + one);
                return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, zero), inv, e * inv);
            }

            static float Value(float x)
            {
                var e = MathF.Exp(-MathF.Abs(x));
                var inv = 1 / (e + 1);
                return x >= 0 ? inv : e * inv;
            }
        }

        /// <summary>
        /// Computes dSigmoid/dx, the derivative of <see cref="Sigmoid(float)"/> with respect to x, for each element of <paramref name="x"/>.
        /// </summary>
        /// <remarks>
        /// <code>
        /// derivative[i] = d/dx Sigmoid(x[i])
        /// d/dx Sigmoid(x) = s·(1 − s), where s = σ(x)
        /// </code>
        /// <para>
        /// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for
        /// the last few elements. Each lane does the scalar code's arithmetic in the same order, except that exp, log and
        /// tanh come from <see cref="VectorMath"/> instead of MathF: as accurate, but they may round the last bit differently.
        /// <paramref name="derivative"/> may be <paramref name="x"/> itself, for an update in place. Allocates nothing.
        /// </para>
        /// </remarks>
        /// <param name="x">The values of x.</param>
        /// <param name="derivative">Receives dSigmoid/dx at x[i] for every i; must have the length of x.</param>
        /// <exception cref="ArgumentException">derivative does not have the length of x, or an output partially overlaps an input.</exception>
        [global::System.CodeDom.Compiler.GeneratedCode("SymGrad.Generator", "0.1.0.0")]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void SigmoidDerivative(ReadOnlySpan<float> x, Span<float> derivative)
        {
            if (derivative.Length != x.Length)
            {
                throw new ArgumentException("derivative must have the length of x.", nameof(derivative));
            }

            if (x.Overlaps(derivative, out var offset) && offset != 0)
            {
                throw new ArgumentException("derivative must not overlap x unless it is x itself.", nameof(derivative));
            }

            ref var x0 = ref MemoryMarshal.GetReference(x);
            ref var derivative0 = ref MemoryMarshal.GetReference(derivative);
            var i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    Derivative512(Vector512.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref derivative0, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    Derivative256(Vector256.LoadUnsafe(ref x0, (nuint)i)).StoreUnsafe(ref derivative0, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                derivative[i] = SigmoidDerivative(x[i]);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector512<float> Derivative512(Vector512<float> x)
            {
                var one = Vector512<float>.One;
                var zero = Vector512<float>.Zero;
                var e = VectorMath.Exp(-Vector512.Abs(x));
                var inv = one / (e + one);
                var s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, zero), inv, e * inv);
                return s * (one - s);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector256<float> Derivative256(Vector256<float> x)
            {
                var one = Vector256<float>.One;
                var zero = Vector256<float>.Zero;
                var e = VectorMath.Exp(-Vector256.Abs(x));
                var inv = one / (e + one);
                var s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, zero), inv, e * inv);
                return s * (one - s);
            }
        }

        /// <summary>
        /// Backpropagates through <see cref="Sigmoid(float)"/> applied to each element of <paramref name="x"/>: multiplies each
        /// element of <paramref name="gradOutput"/> by dSigmoid/dx at the matching element of <paramref name="x"/>.
        /// </summary>
        /// <remarks>
        /// <code>
        /// gradInput[i] = gradOutput[i]·d/dx Sigmoid(x[i])
        /// d/dx Sigmoid(x) = s·(1 − s), where s = σ(x)
        /// </code>
        /// <para>
        /// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for
        /// the last few elements. Each lane does the scalar code's arithmetic in the same order, except that exp, log and
        /// tanh come from <see cref="VectorMath"/> instead of MathF: as accurate, but they may round the last bit differently.
        /// <paramref name="gradInput"/> may be <paramref name="x"/> or <paramref name="gradOutput"/> itself, for an update in place. Allocates nothing.
        /// </para>
        /// </remarks>
        /// <param name="x">The values of x.</param>
        /// <param name="gradOutput">The gradient of the loss with respect to each Sigmoid(x[i]); must have the length of x.</param>
        /// <param name="gradInput">Receives the gradient of the loss with respect to each x[i]; must have the length of x.</param>
        /// <exception cref="ArgumentException">gradOutput or gradInput does not have the length of x, or an output partially overlaps an input.</exception>
        [global::System.CodeDom.Compiler.GeneratedCode("SymGrad.Generator", "0.1.0.0")]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void SigmoidBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> gradInput)
        {
            if (gradOutput.Length != x.Length)
            {
                throw new ArgumentException("gradOutput must have the length of x.", nameof(gradOutput));
            }

            if (gradInput.Length != x.Length)
            {
                throw new ArgumentException("gradInput must have the length of x.", nameof(gradInput));
            }

            if (x.Overlaps(gradInput, out var offset) && offset != 0)
            {
                throw new ArgumentException("gradInput must not overlap x unless it is x itself.", nameof(gradInput));
            }

            if (gradOutput.Overlaps(gradInput, out var offset1) && offset1 != 0)
            {
                throw new ArgumentException("gradInput must not overlap gradOutput unless it is gradOutput itself.", nameof(gradInput));
            }

            ref var x0 = ref MemoryMarshal.GetReference(x);
            ref var gradOutput0 = ref MemoryMarshal.GetReference(gradOutput);
            ref var gradInput0 = ref MemoryMarshal.GetReference(gradInput);
            var i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    (Vector512.LoadUnsafe(ref gradOutput0, (nuint)i) * Derivative512(Vector512.LoadUnsafe(ref x0, (nuint)i))).StoreUnsafe(ref gradInput0, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    (Vector256.LoadUnsafe(ref gradOutput0, (nuint)i) * Derivative256(Vector256.LoadUnsafe(ref x0, (nuint)i))).StoreUnsafe(ref gradInput0, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                gradInput[i] = gradOutput[i] * SigmoidDerivative(x[i]);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector512<float> Derivative512(Vector512<float> x)
            {
                var one = Vector512<float>.One;
                var zero = Vector512<float>.Zero;
                var e = VectorMath.Exp(-Vector512.Abs(x));
                var inv = one / (e + one);
                var s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, zero), inv, e * inv);
                return s * (one - s);
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector256<float> Derivative256(Vector256<float> x)
            {
                var one = Vector256<float>.One;
                var zero = Vector256<float>.Zero;
                var e = VectorMath.Exp(-Vector256.Abs(x));
                var inv = one / (e + one);
                var s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, zero), inv, e * inv);
                return s * (one - s);
            }
        }

        /// <summary>
        /// The forward and backward pass of <see cref="Sigmoid(float)"/> applied to each element of <paramref name="x"/>, in one pass:
        /// computes each value and multiplies each element of <paramref name="gradOutput"/> by dSigmoid/dx there.
        /// </summary>
        /// <remarks>
        /// <code>
        /// result[i] = Sigmoid(x[i])
        /// gradInput[i] = gradOutput[i]·d/dx Sigmoid(x[i])
        /// d/dx Sigmoid(x) = s·(1 − s), where s = σ(x)
        /// </code>
        /// <para>
        /// Vectorized with <c>Vector512</c> where the hardware accelerates it, then <c>Vector256</c>, then the scalar code for
        /// the last few elements. Each lane does the scalar code's arithmetic in the same order, except that exp, log and
        /// tanh come from <see cref="VectorMath"/> instead of MathF: as accurate, but they may round the last bit differently.
        /// <paramref name="result"/> may be <paramref name="x"/> or <paramref name="gradOutput"/> itself, for an update in place. Allocates nothing.
        /// </para>
        /// Each element costs what the value alone costs, plus the few operations the derivative adds to it: what
        /// the two have in common is computed once, and <paramref name="x"/> and <paramref name="gradOutput"/> are read once.
        /// </remarks>
        /// <param name="x">The values of x.</param>
        /// <param name="gradOutput">The gradient of the loss with respect to each Sigmoid(x[i]); must have the length of x.</param>
        /// <param name="result">Receives Sigmoid(x[i]) for every i; must have the length of x.</param>
        /// <param name="gradInput">Receives the gradient of the loss with respect to each x[i]; must have the length of x.</param>
        /// <exception cref="ArgumentException">gradOutput, result or gradInput does not have the length of x, an output partially overlaps an input, or result overlaps gradInput.</exception>
        [global::System.CodeDom.Compiler.GeneratedCode("SymGrad.Generator", "0.1.0.0")]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void SigmoidForwardBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> gradOutput, Span<float> result, Span<float> gradInput)
        {
            if (gradOutput.Length != x.Length)
            {
                throw new ArgumentException("gradOutput must have the length of x.", nameof(gradOutput));
            }

            if (result.Length != x.Length)
            {
                throw new ArgumentException("result must have the length of x.", nameof(result));
            }

            if (gradInput.Length != x.Length)
            {
                throw new ArgumentException("gradInput must have the length of x.", nameof(gradInput));
            }

            if (x.Overlaps(result, out var offset) && offset != 0)
            {
                throw new ArgumentException("result must not overlap x unless it is x itself.", nameof(result));
            }

            if (gradOutput.Overlaps(result, out var offset1) && offset1 != 0)
            {
                throw new ArgumentException("result must not overlap gradOutput unless it is gradOutput itself.", nameof(result));
            }

            if (x.Overlaps(gradInput, out var offset2) && offset2 != 0)
            {
                throw new ArgumentException("gradInput must not overlap x unless it is x itself.", nameof(gradInput));
            }

            if (gradOutput.Overlaps(gradInput, out var offset3) && offset3 != 0)
            {
                throw new ArgumentException("gradInput must not overlap gradOutput unless it is gradOutput itself.", nameof(gradInput));
            }

            if (result.Overlaps(gradInput))
            {
                throw new ArgumentException("result and gradInput must not overlap.", nameof(gradInput));
            }

            ref var x0 = ref MemoryMarshal.GetReference(x);
            ref var gradOutput0 = ref MemoryMarshal.GetReference(gradOutput);
            ref var result0 = ref MemoryMarshal.GetReference(result);
            ref var gradInput0 = ref MemoryMarshal.GetReference(gradInput);
            var i = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    ForwardBackward512(Vector512.LoadUnsafe(ref x0, (nuint)i), Vector512.LoadUnsafe(ref gradOutput0, (nuint)i), out var grad).StoreUnsafe(ref result0, (nuint)i);
                    grad.StoreUnsafe(ref gradInput0, (nuint)i);
                }
            }

            if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= x.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    ForwardBackward256(Vector256.LoadUnsafe(ref x0, (nuint)i), Vector256.LoadUnsafe(ref gradOutput0, (nuint)i), out var grad).StoreUnsafe(ref result0, (nuint)i);
                    grad.StoreUnsafe(ref gradInput0, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                var grad = gradOutput[i];
                result[i] = ValueAndDerivative(x[i], out var slope);
                gradInput[i] = grad * slope;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector512<float> ForwardBackward512(Vector512<float> x, Vector512<float> gradOutput, out Vector512<float> gradInput)
            {
                var one = Vector512<float>.One;
                var zero = Vector512<float>.Zero;
                var e = VectorMath.Exp(-Vector512.Abs(x));
                var inv = one / (e + one);
                var s = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, zero), inv, e * inv);
                gradInput = gradOutput * (s * (one - s));
                return s;
            }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            static Vector256<float> ForwardBackward256(Vector256<float> x, Vector256<float> gradOutput, out Vector256<float> gradInput)
            {
                var one = Vector256<float>.One;
                var zero = Vector256<float>.Zero;
                var e = VectorMath.Exp(-Vector256.Abs(x));
                var inv = one / (e + one);
                var s = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, zero), inv, e * inv);
                gradInput = gradOutput * (s * (one - s));
                return s;
            }

            static float ValueAndDerivative(float x, out float derivative)
            {
                var e = MathF.Exp(-MathF.Abs(x));
                var inv = 1 / (e + 1);
                var s = x >= 0 ? inv : e * inv;
                derivative = s * (1 - s);
                return s;
            }
        }
