"""Article life cycle: draft, edit with revisions, conflicts, publish, retire, archive, apply."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desk_gui.domain.enums import Category, LogKind
from desk_gui.domain.errors import RuleViolation
from desk_gui.domain.kb import ArticleDraft, ArticleStatus, LinkKind
from desk_gui.services.kb import ArticleConflict, ArticleLocked, KnowledgeService
from desk_gui.services.workflow import WorkflowService
from tests.services.conftest import Clock, make_draft


def _draft(**kw: object) -> ArticleDraft:
    values: dict[str, object] = {
        "title": "打印机显示离线",
        "symptom": "打印任务卡在队列，打印机状态为脱机",
        "cause": "打印机IP变化",
        "solution": "在打印机面板查看IP，重新添加端口",
        "category": Category.HARDWARE,
        "keywords": "打印机 离线 脱机 printer offline",
    }
    values.update(kw)
    return ArticleDraft(**values)  # type: ignore[arg-type]


def test_create_edit_keeps_revision(kb: KnowledgeService) -> None:
    art = kb.create(_draft())
    assert art.status is ArticleStatus.DRAFT and art.author == "李工程师" and art.version == 1
    edited = kb.update(art.id, art.version, _draft(solution="重新安装驱动"))
    assert edited.version == 2 and edited.solution == "重新安装驱动"
    assert [r.solution for r in edited.revisions] == ["在打印机面板查看IP，重新添加端口"]


def test_two_workstations_conflict(kb: KnowledgeService, kb2: KnowledgeService) -> None:
    art = kb.create(_draft())
    kb2.update(art.id, art.version, _draft(cause="驱动损坏"))
    with pytest.raises(ArticleConflict) as err:
        kb.update(art.id, art.version, _draft(cause="端口错误"))
    assert "张三" in err.value.message("zh")
    assert kb.get(art.id).cause == "驱动损坏"
    with pytest.raises(ArticleConflict):
        kb.publish(art.id, art.version)


def test_publish_and_retire_control_suggestions(kb: KnowledgeService) -> None:
    art = kb.create(_draft())
    assert kb.articles("打印机离线") == []  # a draft is never suggested
    art = kb.publish(art.id, art.version)
    assert art.status is ArticleStatus.PUBLISHED
    assert [h.id for h in kb.articles("打印机离线")] == [art.id]
    art = kb.retire(art.id, art.version)
    assert art.status is ArticleStatus.RETIRED and kb.articles("打印机离线") == []
    assert [a.id for a in kb.list("打印机", statuses=(ArticleStatus.RETIRED,))] == [art.id]


def test_validation(kb: KnowledgeService) -> None:
    with pytest.raises(RuleViolation):
        kb.create(_draft(title=" "))
    with pytest.raises(RuleViolation):
        kb.create(_draft(solution=""))


def _resolved(desk: WorkflowService) -> int:
    rec = desk.create(make_draft(title="VPN错误809", description="在家连接VPN提示错误809"))
    desk.add_log(rec.id, "检查家用路由器，关闭IPSec直通限制")
    rec = desk.take(rec.id, desk.get(rec.id).version)
    desk.resolve(rec.id, rec.version, "路由器开启L2TP/IPSec直通后可连接，客户验证正常")
    return rec.id


def test_archive_resolved_ticket(kb: KnowledgeService, desk: WorkflowService) -> None:
    ticket_id = _resolved(desk)
    art = kb.archive_ticket(ticket_id)
    assert art.title == "VPN错误809" and "错误809" in art.symptom
    assert "IPSec直通限制" in art.cause and "L2TP" in art.solution
    assert [(link.ticket_id, link.kind) for link in art.links] == [(ticket_id, LinkKind.SOURCE)]
    assert kb.articles_of_ticket(ticket_id) == [(art.id, art.title, LinkKind.SOURCE)]
    log = desk.get(ticket_id).log
    assert log[-1].kind is LogKind.KB and f"KB{art.id}" in log[-1].text


def test_archive_refuses_open_ticket(kb: KnowledgeService, desk: WorkflowService) -> None:
    rec = desk.create(make_draft())
    with pytest.raises(RuleViolation):
        kb.archive_ticket(rec.id)


def test_apply_links_and_logs(kb: KnowledgeService, desk: WorkflowService) -> None:
    art = kb.create(_draft())
    rec = desk.create(make_draft())
    kb.apply_to_ticket(art.id, rec.id)
    kb.apply_to_ticket(art.id, rec.id)  # twice: one link
    assert kb.articles_of_ticket(rec.id) == [(art.id, art.title, LinkKind.HELPED)]
    lines = [e for e in desk.get(rec.id).log if e.kind is LogKind.KB]
    assert "Applied KB article" in (lines[0].text_en or "")


def test_resolve_with_article_at_first_contact(kb: KnowledgeService, desk: WorkflowService) -> None:
    art = kb.create(_draft())
    rec = desk.create(make_draft())
    kb.resolve_with_article(rec.id, art.id)
    done = desk.get(rec.id)
    assert done.status.value == "resolved" and done.solution == art.solution
    assert kb.articles_of_ticket(rec.id) == [(art.id, art.title, LinkKind.HELPED)]


def test_edit_lock_between_workstations(
    kb: KnowledgeService, kb2: KnowledgeService, clock: Clock
) -> None:
    art = kb.create(_draft())
    kb.lock(art.id)
    with pytest.raises(ArticleLocked) as err:
        kb2.lock(art.id)
    assert "李工程师" in err.value.message("zh")
    with pytest.raises(ArticleLocked):
        kb2.update(art.id, art.version, _draft(cause="别人的修改"))
    kb.update(art.id, art.version, _draft(cause="持锁者的修改"))  # the holder may save
    clock.now += timedelta(minutes=4)  # a crashed workstation's lock runs out
    kb2.lock(art.id)
    kb2.unlock(art.id)
    kb.lock(art.id)
