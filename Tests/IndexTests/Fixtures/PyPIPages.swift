/// Real simple-API responses, trimmed to a handful of files.
///
/// The HTML pages were fetched from https://pypi.org/simple/NAME/ on 2026-11-21 with
/// `Accept: application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2,
/// text/html;q=0.01` (the index this network reaches answers HTML even when JSON is asked for,
/// and adds `data-upload-time` because the Accept header names the v1+html type).
/// The JSON page has PyPI's PEP 691 shape (`meta`, `name`, `files` with `core-metadata` and its
/// PEP 714 twin `data-dist-info-metadata`, `upload-time`, `size`, `yanked`, `versions`), filled
/// with the same files' real values: sizes from the files' Content-Length, the metadata hash
/// from the real `requests-2.32.3-py3-none-any.whl.metadata`.
enum PyPIPages {
    static let sixHTML = #"""
<!DOCTYPE html>
<html>
<head><title>Links for six</title></head>
<body>
<h1>Links for six</h1>
<a href="https://files.pythonhosted.org/packages/71/39/171f1c67cd00715f190ba0b100d606d440a28c93c7714febeca8b79af85e/six-1.16.0.tar.gz#sha256=1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926" data-requires-python="&gt;=2.7, !=3.0.*, !=3.1.*, !=3.2.*" data-upload-time="2021-05-05T14:18:18.379524Z">six-1.16.0.tar.gz</a><br/>
<a href="https://files.pythonhosted.org/packages/d9/5a/e7c31adbe875f2abbb91bd84cf2dc52d792b5a01506781dbcf25c91daf11/six-1.16.0-py2.py3-none-any.whl#sha256=8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254" data-requires-python="&gt;=2.7, !=3.0.*, !=3.1.*, !=3.2.*" data-upload-time="2021-05-05T14:18:17.237677Z">six-1.16.0-py2.py3-none-any.whl</a><br/>
<a href="https://files.pythonhosted.org/packages/94/e7/b2c673351809dca68a0e064b6af791aa332cf192da575fd474ed7d6f16a2/six-1.17.0.tar.gz#sha256=ff70335d468e7eb6ec65b95b99d3a2836546063f63acc5171de367e834932a81" data-requires-python="!=3.0.*,!=3.1.*,!=3.2.*,&gt;=2.7" data-upload-time="2024-12-04T17:35:28.174320Z">six-1.17.0.tar.gz</a><br/>
<a href="https://files.pythonhosted.org/packages/b7/ce/149a00dd41f10bc29e5921b496af8b574d8413afcd5e30dfa0ed46c2cc5e/six-1.17.0-py2.py3-none-any.whl#sha256=4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274" data-requires-python="!=3.0.*,!=3.1.*,!=3.2.*,&gt;=2.7" data-upload-time="2024-12-04T17:35:26.475808Z">six-1.17.0-py2.py3-none-any.whl</a><br/>
</body>
</html>
"""#

    static let requestsHTML = #"""
<!DOCTYPE html>
<html>
<head><title>Links for requests</title></head>
<body>
<h1>Links for requests</h1>
<a href="https://files.pythonhosted.org/packages/24/e8/09e8d662a9675a4e4f5dd7a8e6127b463a091d2703ed931a64aa66d00065/requests-2.32.0-py3-none-any.whl#sha256=f2c3881dddb70d056c5bd7600a4fae312b2a300e39be6a118d30b90bd27262b5" data-requires-python="&gt;=3.8" data-yanked="Yanked due to conflicts with CVE-2024-35195 mitigation" data-upload-time="2024-05-20T16:08:19.530618Z">requests-2.32.0-py3-none-any.whl</a><br/>
<a href="https://files.pythonhosted.org/packages/28/a2/423f4d16d6934ef502f10ad56673719dd4345e656aedbd6687ccc359ffc5/requests-2.32.0.tar.gz#sha256=fa5490319474c82ef1d2c9bc459d3652e3ae4ef4c4ebdd18a21145a47ca4b6b8" data-requires-python="&gt;=3.8" data-yanked="Yanked due to conflicts with CVE-2024-35195 mitigation" data-upload-time="2024-05-20T16:11:48.306524Z">requests-2.32.0.tar.gz</a><br/>
<a href="https://files.pythonhosted.org/packages/f9/9b/335f9764261e915ed497fcdeb11df5dfd6f7bf257d4a6a2a686d80da4d54/requests-2.32.3-py3-none-any.whl#sha256=70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6" data-requires-python="&gt;=3.8" data-upload-time="2024-05-29T15:37:47.027275Z">requests-2.32.3-py3-none-any.whl</a><br/>
<a href="https://files.pythonhosted.org/packages/63/70/2bf7780ad2d390a8d301ad0b550f1581eadbd9a20f896afe06353c2a2913/requests-2.32.3.tar.gz#sha256=55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" data-requires-python="&gt;=3.8" data-upload-time="2024-05-29T15:37:49.536140Z">requests-2.32.3.tar.gz</a><br/>
</body>
</html>
"""#

    static let requestsJSON = #"""
{"files":[{"core-metadata":false,"data-dist-info-metadata":false,"filename":"requests-2.32.0-py3-none-any.whl","hashes":{"sha256":"f2c3881dddb70d056c5bd7600a4fae312b2a300e39be6a118d30b90bd27262b5"},"requires-python":">=3.8","size":63695,"upload-time":"2024-05-20T16:08:19.530618Z","url":"https://files.pythonhosted.org/packages/24/e8/09e8d662a9675a4e4f5dd7a8e6127b463a091d2703ed931a64aa66d00065/requests-2.32.0-py3-none-any.whl","yanked":"Yanked due to conflicts with CVE-2024-35195 mitigation"},{"core-metadata":{"sha256":"658ee8454c1e2e76fb8c2127116f61156b3b22941b3559c00389dca70038581a"},"data-dist-info-metadata":{"sha256":"658ee8454c1e2e76fb8c2127116f61156b3b22941b3559c00389dca70038581a"},"filename":"requests-2.32.3-py3-none-any.whl","hashes":{"sha256":"70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6"},"requires-python":">=3.8","size":64928,"upload-time":"2024-05-29T15:37:47.027275Z","url":"https://files.pythonhosted.org/packages/f9/9b/335f9764261e915ed497fcdeb11df5dfd6f7bf257d4a6a2a686d80da4d54/requests-2.32.3-py3-none-any.whl","yanked":false},{"filename":"requests-2.32.3.tar.gz","hashes":{"sha256":"55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760"},"requires-python":">=3.8","upload-time":"2024-05-29T15:37:49.536140Z","url":"https://files.pythonhosted.org/packages/63/70/2bf7780ad2d390a8d301ad0b550f1581eadbd9a20f896afe06353c2a2913/requests-2.32.3.tar.gz","yanked":false}],"meta":{"_last-serial":25826599,"api-version":"1.3"},"name":"requests","versions":["2.32.0","2.32.3"]}
"""#
}
