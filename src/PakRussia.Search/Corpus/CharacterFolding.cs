namespace PakRussia.Search.Corpus;

/// <summary>
/// Base letters for accented and compatibility characters (Latin, Latin Extended, Cyrillic, ligatures, full-width),
/// derived from the Unicode compatibility decompositions with combining marks dropped, plus a few letters that
/// have no decomposition but are commonly typed without their stroke (ø, ł, đ, ı, ß, æ, œ, þ).
/// A table rather than <c>string.Normalize</c> because the project runs with invariant globalization,
/// where normalization leaves text unchanged.
/// </summary>
public static class CharacterFolding
{
    private const string From =
        "ª²³µ¹ºÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖ" +
        "ėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷ" +
        "ŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǦǧǨǩǪǫǬǭǮǯǰǴǵǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘ" +
        "șȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳЀЁЃЇЌЍЎЙйѐёѓїќѝўѶѷӁӂӐӑӒӓӖӗӚӛӜӝӞӟӢӣӤӥӦӧӪӫӬӭӮӯӰӱӲӳӴӵӸӹḀḁḂḃḄḅḆḇḈ" +
        "ḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘ" +
        "ṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛẠạẢảẤấẦầẨẩẪẫẬậ" +
        "ẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ０１２３" +
        "４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚøØđĐłŁıðÐħĦ";

    private const string To =
        "a23μ1oaaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeee" +
        "eeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyy" +
        "yzzzzzzsoouuaaiioouuuuuuuuuuaaaaææggkkooooʒʒjggnnaaææøøaaaaeeeeiiiioooorrrruuuus" +
        "stthhaaeeooooooooyyеегікиуииеегікиуѵѵжжааааееәәжжззииииооөөээууууууччыыaabbbbbbc" +
        "cddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnooooooooppppr" +
        "rrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwysaaaaaaaaaaaaaa" +
        "aaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy0123" +
        "456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzooddlliddhh";

    private static readonly Dictionary<char, string> Map = Build();

    /// <summary>The lower-case base form of <paramref name="c"/>, or null when it has none.</summary>
    public static string? Fold(char c) => Map.GetValueOrDefault(c);

    private static Dictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>(From.Length + 32);
        for (var i = 0; i < From.Length; i++)
        {
            map[From[i]] = To[i].ToString();
        }

        map['Ĳ'] = "ij";
        map['ĳ'] = "ij";
        map['ŉ'] = "ʼn";
        map['Ǆ'] = "dz";
        map['ǅ'] = "dz";
        map['ǆ'] = "dz";
        map['Ǉ'] = "lj";
        map['ǈ'] = "lj";
        map['ǉ'] = "lj";
        map['Ǌ'] = "nj";
        map['ǋ'] = "nj";
        map['ǌ'] = "nj";
        map['Ǳ'] = "dz";
        map['ǲ'] = "dz";
        map['ǳ'] = "dz";
        map['ẚ'] = "aʾ";
        map['ﬀ'] = "ff";
        map['ﬁ'] = "fi";
        map['ﬂ'] = "fl";
        map['ﬃ'] = "ffi";
        map['ﬄ'] = "ffl";
        map['ﬅ'] = "st";
        map['ﬆ'] = "st";
        map['ß'] = "ss";
        map['æ'] = "ae";
        map['Æ'] = "ae";
        map['œ'] = "oe";
        map['Œ'] = "oe";
        map['þ'] = "th";
        map['Þ'] = "th";
        return map;
    }
}
