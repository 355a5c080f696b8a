// The allow-lists and deny-lists of the feed HTML sanitiser (html_sanitizer.cc): HTML,
// SVG and MathML elements and attributes, CSS properties and keywords, URL-valued
// attributes, safe URL schemes. Constant data; any thread.
#pragma once

#include <string_view>

namespace gpalert::sanitizer_lists {

// clang-format off
// Allow-lists (from feedparser's sanitiser, which the conformance cases exercise;
// noscript's content is dropped here instead).
inline constexpr std::string_view kHtmlElements[] = {
    "rp", "rt", "ruby", "a", "abbr", "acronym", "address", "area", "article", "aside", "audio",
    "b", "big", "blockquote", "br", "button", "canvas", "caption", "center", "cite", "code",
    "col", "colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn",
    "dialog", "dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption",
    "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
    "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
    "meter", "multicol", "nav", "nextid", "ol", "optgroup", "option", "output", "p", "pre",
    "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer",
    "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th",
    "thead", "time", "tr", "tt", "u", "ul", "var", "video",
};
inline constexpr std::string_view kHtmlAttributes[] = {
    "sizes", "srcset", "abbr", "accept", "accept-charset", "accesskey", "action", "align",
    "alt", "autocomplete", "autofocus", "axis", "background", "balance", "bgcolor",
    "bgproperties", "border", "bordercolor", "bordercolordark", "bordercolorlight",
    "bottompadding", "cellpadding", "cellspacing", "ch", "challenge", "char", "charoff",
    "charset", "checked", "choff", "cite", "class", "clear", "color", "cols", "colspan",
    "compact", "contenteditable", "controls", "coords", "data", "datafld", "datapagesize",
    "datasrc", "datetime", "default", "delay", "dir", "disabled", "draggable", "dynsrc",
    "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers",
    "height", "hidden", "hidefocus", "high", "href", "hreflang", "hspace", "icon", "id",
    "inputmode", "ismap", "keytype", "label", "lang", "leftspacing", "list", "longdesc", "loop",
    "loopcount", "loopend", "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method",
    "min", "multiple", "name", "nohref", "noshade", "nowrap", "open", "optimum", "pattern",
    "ping", "point-size", "poster", "pqg", "preload", "prompt", "radiogroup", "readonly", "rel",
    "repeat-max", "repeat-min", "replace", "required", "rev", "rightspacing", "rows", "rowspan",
    "rules", "scope", "selected", "shape", "size", "span", "src", "start", "step", "style",
    "summary", "suppress", "tabindex", "target", "template", "title", "toppadding", "type",
    "unselectable", "urn", "usemap", "valign", "value", "variable", "volume", "vrml", "vspace",
    "width", "wrap", "xml:lang",
};
inline constexpr std::string_view kCssProperties[] = {
    "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
    "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
    "direction", "display", "elevation", "float", "font", "font-family", "font-size",
    "font-style", "font-variant", "font-weight", "height", "letter-spacing", "line-height",
    "overflow", "pause", "pause-after", "pause-before", "pitch", "pitch-range", "richness",
    "speak", "speak-header", "speak-numeral", "speak-punctuation", "speech-rate", "stress",
    "text-align", "text-decoration", "text-indent", "unicode-bidi", "vertical-align",
    "voice-family", "volume", "white-space", "width",
};
inline constexpr std::string_view kCssKeywords[] = {
    "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown",
    "center", "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left",
    "lime", "maroon", "medium", "navy", "none", "normal", "nowrap", "olive", "pointer",
    "purple", "red", "right", "silver", "solid", "teal", "top", "transparent", "underline",
    "white", "yellow",
};
inline constexpr std::string_view kSvgCssProperties[] = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-linecap", "stroke-linejoin",
    "stroke-opacity", "stroke-width",
};
inline constexpr std::string_view kMathElements[] = {
    "annotation", "annotation-xml", "maction", "maligngroup", "malignmark", "math", "menclose",
    "merror", "mfenced", "mfrac", "mglyph", "mi", "mlabeledtr", "mlongdiv", "mmultiscripts",
    "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms",
    "mscarries", "mscarry", "msgroup", "msline", "mspace", "msqrt", "msrow", "mstack", "mstyle",
    "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none",
    "semantics",
};
inline constexpr std::string_view kMathAttributes[] = {
    "accent", "accentunder", "actiontype", "align", "alignmentscope", "altimg", "altimg-height",
    "altimg-valign", "altimg-width", "alttext", "bevelled", "charalign", "close", "columnalign",
    "columnlines", "columnspacing", "columnspan", "columnwidth", "crossout", "decimalpoint",
    "denomalign", "depth", "dir", "display", "displaystyle", "edge", "encoding", "equalcolumns",
    "equalrows", "fence", "fontstyle", "fontweight", "form", "frame", "framespacing",
    "groupalign", "height", "href", "id", "indentalign", "indentalignfirst", "indentalignlast",
    "indentshift", "indentshiftfirst", "indentshiftlast", "indenttarget", "infixlinebreakstyle",
    "largeop", "length", "linebreak", "linebreakmultchar", "linebreakstyle", "lineleading",
    "linethickness", "location", "longdivstyle", "lquote", "lspace", "mathbackground",
    "mathcolor", "mathsize", "mathvariant", "maxsize", "minlabelspacing", "minsize",
    "movablelimits", "notation", "numalign", "open", "other", "overflow", "position",
    "rowalign", "rowlines", "rowspacing", "rowspan", "rquote", "rspace", "scriptlevel",
    "scriptminsize", "scriptsizemultiplier", "selection", "separator", "separators", "shift",
    "side", "src", "stackalign", "stretchy", "subscriptshift", "superscriptshift", "symmetric",
    "voffset", "width", "xlink:href", "xlink:show", "xlink:type", "xmlns", "xmlns:xlink",
};
inline constexpr std::string_view kSvgElements[] = {
    "a", "animate", "animateColor", "animateMotion", "animateTransform", "circle", "defs",
    "desc", "ellipse", "font-face", "font-face-name", "font-face-src", "foreignObject", "g",
    "glyph", "hkern", "line", "linearGradient", "marker", "metadata", "missing-glyph", "mpath",
    "path", "polygon", "polyline", "radialGradient", "rect", "set", "stop", "svg", "switch",
    "text", "title", "tspan", "use",
};
inline constexpr std::string_view kSvgAttributes[] = {
    "accent-height", "accumulate", "additive", "alphabetic", "arabic-form", "ascent",
    "attributeName", "attributeType", "baseProfile", "bbox", "begin", "by", "calcMode",
    "cap-height", "class", "color", "color-rendering", "content", "cx", "cy", "d", "descent",
    "display", "dur", "dx", "dy", "end", "fill", "fill-opacity", "fill-rule", "font-family",
    "font-size", "font-stretch", "font-style", "font-variant", "font-weight", "from", "fx",
    "fy", "g1", "g2", "glyph-name", "gradientUnits", "hanging", "height", "horiz-adv-x",
    "horiz-origin-x", "id", "ideographic", "k", "keyPoints", "keySplines", "keyTimes", "lang",
    "marker-end", "marker-mid", "marker-start", "markerHeight", "markerUnits", "markerWidth",
    "mathematical", "max", "min", "name", "offset", "opacity", "orient", "origin",
    "overline-position", "overline-thickness", "panose-1", "path", "pathLength", "points",
    "preserveAspectRatio", "r", "refX", "refY", "repeatCount", "repeatDur",
    "requiredExtensions", "requiredFeatures", "restart", "rotate", "rx", "ry", "slope", "stemh",
    "stemv", "stop-color", "stop-opacity", "strikethrough-position", "strikethrough-thickness",
    "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-opacity", "stroke-width", "systemLanguage", "target",
    "text-anchor", "to", "transform", "type", "u1", "u2", "underline-position",
    "underline-thickness", "unicode", "unicode-range", "units-per-em", "values", "version",
    "viewBox", "visibility", "width", "widths", "x", "x-height", "x1", "x2", "xlink:actuate",
    "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type",
    "xml:base", "xml:lang", "xml:space", "xmlns", "xmlns:xlink", "y", "y1", "y2", "zoomAndPan",
};

inline constexpr std::string_view kCssUnits[] = {
    "", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")",
};

// Elements removed together with everything inside them.
inline constexpr std::string_view kDropWithContent[] = {
    "applet", "base", "basefont", "bgsound", "embed", "frame", "frameset", "iframe", "link",
    "meta", "noembed", "noframes", "noscript", "object", "param", "script", "style", "xmp",
    "plaintext",
};

// Attributes holding a URL: resolved against the base, emptied when the scheme is unsafe.
inline constexpr std::string_view kUrlAttributes[] = {
    "action", "background", "cite", "classid", "codebase", "data", "dynsrc", "formaction",
    "href", "icon", "longdesc", "lowsrc", "poster", "src", "usemap", "xlink:href",
};

inline constexpr std::string_view kSafeSchemes[] = {
    "aim", "callto", "cvs", "facetime", "feed", "ftp", "git", "gopher", "gtalk", "h323", "hdl",
    "http", "https", "imap", "irc", "irc6", "ircs", "itms", "magnet", "mailto", "mms", "msnim",
    "news", "nntp", "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips",
    "skype", "smb", "snews", "ssh", "svn", "svn+ssh", "telnet", "wais", "ymsg",
};

inline constexpr std::string_view kBlockElements[] = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
};
// clang-format on

}  // namespace gpalert::sanitizer_lists
