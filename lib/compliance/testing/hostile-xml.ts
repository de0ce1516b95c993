// Hostile XML every upload path must refuse (422) before anything is stored.
export const hostileXml: [string, string][] = [
  ['billion laughs', `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x"><title>&lol4;</title></Benchmark>`],
  ['an external entity', `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x"><title>&xxe;</title></Benchmark>`],
  ['a DOCTYPE', `<?xml version="1.0"?><!DOCTYPE Benchmark SYSTEM "http://example.invalid/x.dtd"><Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="x"/>`],
]
