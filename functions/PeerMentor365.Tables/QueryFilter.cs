using System.Globalization;
using System.Text;

namespace PeerMentor365.Tables;

/// <summary>Turns the arguments of an interpolated filter into OData literals, so a value can never become syntax.</summary>
internal static class QueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = new object?[filter.ArgumentCount];
        for (var i = 0; i < literals.Length; i++)
        {
            literals[i] = Literal(filter.GetArgument(i), i);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    private static string Literal(object? value, int index) => value switch
    {
        null => throw new ArgumentException($"Filter argument {index} is null; the Table service cannot compare with null."),
        string text => Quote(text),
        char c => Quote(c.ToString()),
        Enum choice => Quote(choice.ToString()),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        short number => number.ToString(CultureInfo.InvariantCulture),
        byte number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number => Double(number, index),
        float number => Double(number, index),
        DateTimeOffset moment => "datetime'" + EdmTypes.FormatDateTime(moment) + "'",
        DateTime moment => "datetime'" + EdmTypes.FormatDateTime(EdmTypes.FromDateTime(moment)) + "'",
        Guid id => "guid'" + id.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        _ => throw new ArgumentException($"Filter argument {index} is a {value.GetType().Name}, which has no Table filter literal."),
    };

    private static string Quote(string text) => new StringBuilder(text.Length + 2).Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'').ToString();

    // An integral double needs a decimal point, or the service reads it as an Int32 and never matches a Double property.
    private static string Double(double number, int index)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentException($"Filter argument {index} is not a finite number.");
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
