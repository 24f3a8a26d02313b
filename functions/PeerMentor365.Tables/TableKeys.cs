using System.Text.RegularExpressions;

namespace PeerMentor365.Tables;

/// <summary>Client-side checks of names and keys, so a bad value fails fast with its parameter named, not as a 400.</summary>
internal static partial class TableKeys
{
    /// <summary>Keys are at most 1 KiB of UTF-16; Azurite enforces the same 512 characters.</summary>
    public const int MaxKeyLength = 512;

    public static void Validate(string partitionKey, string rowKey)
    {
        ValidateKey(partitionKey, nameof(ITableEntity.PartitionKey));
        ValidateKey(rowKey, nameof(ITableEntity.RowKey));
    }

    public static void ValidateKey(string? key, string parameterName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(parameterName, $"{parameterName} is required.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"{parameterName} is longer than {MaxKeyLength} characters.", parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"{parameterName} contains a character the Table service forbids (/ \\ # ? or a control character).", parameterName);
            }
        }
    }

    public static void ValidateTableName(string? tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableName().IsMatch(tableName) || tableName.Equals("Tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A table name is 3-63 letters and digits, starting with a letter, and not 'Tables'.", nameof(tableName));
        }
    }

    public static void ValidatePropertyNames(IEnumerable<string>? names, string parameterName)
    {
        if (names is null)
        {
            return;
        }

        foreach (var name in names)
        {
            if (name is null || !PropertyName().IsMatch(name))
            {
                throw new ArgumentException("Selected property names are letters, digits and underscores, starting with a letter or underscore.", parameterName);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PropertyName();
}
