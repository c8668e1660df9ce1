using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OpenRouterConsole.Migrations.Runner.Copy;

/// <summary>
/// A checksum of a table's content that both databases compute alike: each row is encoded value by
/// value (a storage-class tag, then the exact bits: 64-bit integers, IEEE doubles, UTF-8 text), hashed
/// with SHA-256, and the first 128 bits of the row hashes are added up. The sum does not depend on the
/// order rows are read in, so neither side has to sort; the primary key makes every row distinct.
/// A NULLed link, an integer turned into a real, a changed digit or a changed byte of text all show.
/// </summary>
internal sealed class ContentChecksum
{
    private const byte NullTag = (byte)'n';
    private const byte IntegerTag = (byte)'i';
    private const byte RealTag = (byte)'r';
    private const byte TextTag = (byte)'t';

    private byte[] _row = new byte[256];
    private int _length;
    private UInt128 _sum;

    public long Rows { get; private set; }

    /// <summary>The sum of the row hashes: 32 hex digits.</summary>
    public string Value => _sum.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    public void AddNull() => Append(NullTag, 0);

    public void AddInteger(long value) => BinaryPrimitives.WriteInt64LittleEndian(Append(IntegerTag, 8), value);

    // The bits, not the number: -0.0 and 0.0 differ, and so do two NaN payloads.
    public void AddReal(double value) => BinaryPrimitives.WriteInt64LittleEndian(Append(RealTag, 8), BitConverter.DoubleToInt64Bits(value));

    public void AddText(string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var span = Append(TextTag, 4 + byteCount);
        BinaryPrimitives.WriteInt32LittleEndian(span, byteCount);
        Encoding.UTF8.GetBytes(value, span[4..]);
    }

    public void EndRow()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_row.AsSpan(0, _length), hash);
        _sum += BinaryPrimitives.ReadUInt128LittleEndian(hash);
        _length = 0;
        Rows++;
    }

    private Span<byte> Append(byte tag, int payloadLength)
    {
        var needed = _length + 1 + payloadLength;
        if (needed > _row.Length)
        {
            Array.Resize(ref _row, Math.Max(needed, _row.Length * 2));
        }

        _row[_length] = tag;
        var payload = _row.AsSpan(_length + 1, payloadLength);
        _length = needed;
        return payload;
    }
}
