using System;
using System.Globalization;
using System.Text;

namespace SessionEffects;

/// <summary>
/// One text per DynamoDB number value, whatever digits it was written with (<c>1.50</c>, <c>1.5</c>, <c>15E-1</c>): how
/// keys are told apart and items are compared. Done on the digits rather than through <c>decimal</c>, which keeps 28–29
/// significant digits where DynamoDB keeps 38, so two different numbers would compare equal.
/// </summary>
internal static class NumberText
{
    /// <summary>Integers up to this many trailing zeros are written out in full (as DynamoDB returns them).</summary>
    private const int PlainExponent = 40;

    /// <summary>
    /// The canonical text of <paramref name="number"/>: an optional minus, the significant digits, and the power of ten —
    /// written out as an integer when the number is one (so a plain integer is its own canonical text), else as
    /// <c>digitsEexponent</c>. Text that is not a number is returned as it is.
    /// </summary>
    public static string Canonical(string number)
    {
        var s = number.AsSpan().Trim();
        var negative = s.StartsWith("-");
        if (negative || s.StartsWith("+"))
        {
            s = s[1..];
        }

        var exponent = 0;
        if (s.IndexOfAny('e', 'E') is var e and >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return number;
            }

            s = s[..e];
        }

        var digits = new StringBuilder(s.Length);
        var point = -1;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '.' && point < 0)
            {
                point = i;
            }
            else if (char.IsAsciiDigit(s[i]))
            {
                digits.Append(s[i]);
            }
            else
            {
                return number;
            }
        }

        if (digits.Length == 0)
        {
            return number;
        }

        exponent -= point < 0 ? 0 : s.Length - point - 1;
        var significant = digits.ToString().TrimStart('0');
        if (significant.Length == 0)
        {
            return "0";
        }

        var trimmed = significant.TrimEnd('0');
        exponent += significant.Length - trimmed.Length;
        var sign = negative ? "-" : string.Empty;
        return exponent is >= 0 and <= PlainExponent
            ? string.Concat(sign, trimmed, new string('0', exponent))
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{trimmed}E{exponent}");
    }
}
